// One jest run for the whole monorepo: `unit` specs are pure and fast; `integration` specs (.int/.e2e)
// share one real Kafka broker started by scripts/test.mjs (or KAFKA_BROKERS) and create their own databases.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@fg/kernel$': '<rootDir>/libs/kernel/src',
  '^@fg/contracts$': '<rootDir>/libs/contracts/src',
  '^@fg/platform$': '<rootDir>/libs/platform/src',
  '^@fg/platform/testing$': '<rootDir>/libs/platform/src/testing',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,scripts,test}/**/*.unit.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,scripts,test}/**/*.{int,e2e}.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.integration-setup.js'],
      slowTestThreshold: 30,
    },
  ],
};
