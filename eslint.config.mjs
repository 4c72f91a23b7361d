// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

// Hand-listed rather than taken from the `globals` package, which is not a declared dependency.
const NODE_GLOBALS = [
  'AbortController',
  'AbortSignal',
  'Buffer',
  'URL',
  'URLSearchParams',
  'clearInterval',
  'clearTimeout',
  'console',
  'fetch',
  'process',
  'setInterval',
  'setTimeout',
  'structuredClone',
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', '.data/**', '**/*.js'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Nest and Temporal APIs lean on these; the type checker already guards the real risks.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Workflow code must stay deterministic: no Node built-ins, no framework, no I/O clients.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts', 'workflows/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'Workflow code is deterministic: no Node built-ins (do I/O in an activity).',
          })),
          patterns: [
            { group: ['node:*'], message: 'Workflow code is deterministic: no Node built-ins.' },
            { group: ['@nestjs/*'], message: 'No NestJS in workflow code.' },
            {
              group: ['typeorm', 'typeorm/*', 'pg', 'pg/*'],
              message: 'No database access in workflow code: use an activity.',
            },
            { group: ['nats', 'nats/*'], message: 'No NATS in workflow code: use an activity.' },
            {
              group: ['class-validator', 'class-transformer'],
              message: 'No class-validator in workflow code.',
            },
            {
              group: [
                '@sanbao/persistence',
                '@sanbao/messaging',
                '@sanbao/temporal',
                '@sanbao/runtime',
                '@sanbao/config',
                '@sanbao/contracts',
              ],
              message: 'Workflows may import only @sanbao/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node scripts (the local stack, this file): plain JavaScript, outside the TypeScript
    // project, so the type-aware rules are off; Node's globals are known.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])),
    },
  },
  prettier,
);
