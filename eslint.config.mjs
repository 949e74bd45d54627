// Flat config for the whole repository (`eslint . --max-warnings=0`, run by `npm run check`).
//
// 1. typescript-eslint's type-checked rules (`recommendedTypeChecked`) over every TypeScript file of the root
//    tsconfig.json (services, libs, bench, tools, test, scripts): a floating or misused promise is an error.
// 2. Layer rules with eslint-plugin-boundaries. It classifies files by folder *inside* a project (a service's
//    domain/, application/, api/, events/, persistence/), which Nx's project-level tags cannot express: Nx sees
//    one project per service and could only forbid whole services from importing each other. The plugin also
//    checks package imports (`@nestjs/*`, `typeorm`, ...) with the same policies, and it is maintained
//    (v7, 2026). Imports are resolved through tsconfig paths (`@fg/platform` is the folder libs/platform), so
//    an alias cannot hide a crossing. Each rule is proven by a fixture in test/lint/layer-rules.unit.spec.ts.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const LAYERS = ['domain', 'application', 'api', 'events', 'persistence'];
// Folders of a service that wire layers together and may import any of them (as app.module.ts, main.ts and
// config.ts do from the service's src/ root): test kits and the server-rendered staff pages.
const WIRING_FOLDERS = ['testing', 'pages'];
const SERVICE_ELEMENTS = [...LAYERS, 'wiring', 'service'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.cache/**',
      'coverage/**',
      'bench/reports/**',
      'test-artifacts/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `Function` is how class-validator's metadata and TypeORM's migration lists type a class constructor.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests, benchmarks and tools read untyped JSON (HTTP bodies, Kafka payloads, report files) and assert on it
    // field by field; declaring a type per body would only restate each assertion. Product code keeps these on.
    files: [
      '**/*.spec.ts',
      '*/*/src/testing/**/*.ts', // the test kits behind those specs (not the domain's test builders)
      'bench/**/*.ts',
      'tools/**/*.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      'libs/*/scripts/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (jest config, node scripts, browser scripts of the staff pages) is in no tsconfig.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS files loaded by node or jest directly (no transpiler runs on them), so `require` is their import.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // SQL lives in persistence/ (STYLE.md §1, §5): an application service calls a repository method named for
    // what it reads or writes. The import rules below cannot see this (application/ may use DataSource for
    // transactions), so raw queries and query builders are refused by syntax.
    files: ['services/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(query|createQueryBuilder)$/]",
          message: 'no SQL in application/: add a repository method in persistence/',
        },
      ],
    },
  },
  {
    // The board hub asks its pg connection for the schema name, to LISTEN on that schema's channel: connection
    // set-up, not a read of the service's tables.
    files: ['services/queue/src/application/board-stream.hub.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: `${import.meta.dirname}/tsconfig.json` } },
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': [
        // Nested elements: a layer folder's parent is its service, so a file directly in services/<s>/src
        // (app.module.ts, main.ts, config.ts, app-info.ts) belongs to the `service` element itself.
        ...LAYERS.map((layer) => ({
          type: layer,
          pattern: `services/*/src/${layer}`,
          capture: ['service'],
          partialMatch: false,
        })),
        ...WIRING_FOLDERS.map((folder) => ({
          type: 'wiring',
          pattern: `services/*/src/${folder}`,
          capture: ['service'],
          partialMatch: false,
        })),
        { type: 'service', pattern: 'services/*', capture: ['service'], partialMatch: false },
        { type: 'lib', pattern: 'libs/*', capture: ['lib'], partialMatch: false },
      ],
      'boundaries/files': [{ category: 'spec', pattern: '**/*.spec.ts' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          // Packages are checked too (the domain's purity rule names packages); what no policy forbids is allowed.
          default: 'allow',
          checkAllOrigins: true,
          policies: [
            {
              // Services talk over Kafka and HTTP only; a shared rule goes to libs/kernel.
              from: { element: { types: { anyOf: SERVICE_ELEMENTS } } },
              disallow: {
                to: {
                  element: {
                    types: { anyOf: SERVICE_ELEMENTS },
                    captured: { service: '!{{ from.element.captured.service }}' },
                  },
                },
              },
              message:
                'services never import each other (talk over Kafka or HTTP; shared rules go to @fg/kernel)',
            },
            {
              from: { element: { type: 'lib' } },
              disallow: { to: { element: { types: { anyOf: SERVICE_ELEMENTS } } } },
              message: 'libs never import services',
            },
            {
              // The shared kernel is pure TypeScript that every domain may import: it depends on nothing.
              from: { element: { type: 'lib', captured: { lib: 'kernel' } } },
              disallow: [
                { to: { element: { type: '!lib' } } },
                { to: { element: { type: 'lib', captured: { lib: '!kernel' } } } },
                { to: { module: { origin: ['external', 'core'] } } },
              ],
              message: 'libs/kernel imports nothing but itself',
            },
            {
              // Business rules are pure decisions (STYLE.md §4, §5); they may use the kernel and contract types.
              from: { element: { type: 'domain' } },
              disallow: [
                {
                  to: { element: { types: { anyOf: [...SERVICE_ELEMENTS.filter((t) => t !== 'domain')] } } },
                },
                { to: { element: { type: 'lib', captured: { lib: 'platform' } } } },
                // Contract types only (as today): the event classes carry class-validator decorators.
                {
                  to: { element: { type: 'lib', captured: { lib: 'contracts' } } },
                  dependency: { kind: 'value' },
                },
                {
                  to: {
                    module: {
                      origin: 'external',
                      source: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@fg/platform'],
                    },
                  },
                },
              ],
              message:
                'domain code stays pure: no other folder of the service, no framework or I/O imports, contract types only',
            },
            {
              from: { element: { types: { anyOf: ['api', 'events'] } } },
              // Value imports only: a view may name a row type of persistence/ (erased at compile time, and
              // the dependency points down as api -> application -> persistence does), but never call a
              // repository itself. The reverse direction (below) forbids types too.
              disallow: { to: { element: { type: 'persistence' } }, dependency: { kind: 'value' } },
              message: 'entry points (api/, events/) call application/, never repositories in persistence/',
            },
            {
              from: { element: { type: 'persistence' } },
              disallow: { to: { element: { types: { anyOf: ['application', 'api'] } } } },
              message: 'persistence/ does not import application/ or api/ (move the shared type down)',
            },
            {
              // Wiring may import every layer of its own service: app.module.ts, main.ts, config.ts, testing/,
              // pages/, and every spec (a test reaches into whichever layer it exercises).
              from: { file: { categories: 'spec' } },
              allow: { to: { module: { origin: ['local', 'external', 'core'] } } },
            },
          ],
        },
      ],
    },
  },
);
