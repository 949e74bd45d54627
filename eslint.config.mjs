// Flat config: typescript-eslint recommended rules, plus the architecture's one hard boundary:
// domain code is pure (no NestJS, no TypeORM, no Kafka, no database driver).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@fg/platform'],
              message: 'domain code stays pure: no framework or I/O imports',
            },
          ],
        },
      ],
    },
  },
);
