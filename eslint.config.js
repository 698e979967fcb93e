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

/**
 * The package boundary, both ways. The local org (packages/local-org) imports nothing of the
 * product, and the product reaches the package only through its entry. A relative import that
 * climbs out of a package is caught by its depth: from packages/<pkg>/<dir>/…/<file> matched by d stars
 * (d - 1 folders below the package, then the file), d '../' leave the package.
 */
const PACKAGE_DEPTHS = [1, 2, 3, 4, 5];
const packageBoundary = PACKAGE_DEPTHS.map((depth) => ({
  files: [`packages/*/${Array(depth).fill('*').join('/')}.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'dealrisk', message: 'A package imports nothing from the product.' }],
        patterns: [
          { regex: `^(\\.\\./){${depth},}`, message: 'A package imports nothing from outside itself (the product included); share wire facts through @dealrisk/salesforce-wire.' },
          { regex: '^@dealrisk/local-org/', message: 'Import a package through its entry only.' },
        ],
      },
    ],
  },
}));

/** The product's side: packages through their entries only, never by path. */
const productBoundary = [
  { regex: '(^|/)packages/', message: 'Import a workspace package by its name (@dealrisk/local-org), not by path.' },
  { regex: '^@dealrisk/[^/]+/', message: 'Import a package through its entry only.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'coverage/**', '**/node_modules/**', 'reports/**'] },
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
    files: ['src/**/*.ts', 'workers/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: productBoundary }] },
  },
  {
    // Commands load the local org lazily (await import), so a worker never loads Fastify or faker.
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@dealrisk/local-org', allowTypeImports: true, message: "Load the local org lazily: `await import('@dealrisk/local-org')` in the command that needs it." }],
          patterns: productBoundary,
        },
      ],
    },
  },
  ...packageBoundary,
  {
    // The entry points hand process.env to the config loader; tests and tooling set up their own environment.
    files: ['src/cli/main.ts', 'bin/**', 'test/**', 'bench/**', 'vitest.config.ts', 'packages/*/test/**', 'packages/*/bench/**', 'packages/*/vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The scoring core is pure: data in, data out. The clock comes in as an argument.
    files: ['src/scoring/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: impureModules.map((name) => ({ name, message: 'src/scoring is pure: no I/O, no clock, no logger.' })), patterns: productBoundary },
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
