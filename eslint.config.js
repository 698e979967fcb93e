import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** I/O and clock access the pure scoring core must never reach for. */
const impureModules = [
  'jsforce',
  'bullmq',
  'ioredis',
  'pino',
  'fastify',
  'dotenv',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A command body may be synchronous today and await tomorrow; the Runner contract is async.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from the parsed Config (src/config), not process.env.' },
      ],
    },
  },
  {
    // The entry points hand process.env to the config loader; tests and tooling set up their own environment.
    files: ['src/cli/main.ts', 'bin/**', 'test/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The scoring core is pure: data in, data out. The clock comes in as an argument.
    files: ['src/scoring/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: impureModules.map((name) => ({ name, message: 'src/scoring is pure: no I/O, no clock, no logger.' })) },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in; the scoring core has no clock.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Pass `now` in; the scoring core has no clock.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Scoring is deterministic.' },
        { selector: "MemberExpression[object.name='process']", message: 'src/scoring is pure: no process access.' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
