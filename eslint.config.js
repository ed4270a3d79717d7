// Lint keeps the layers apart (renderer -> shared <- electron) and the code honest.
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteParser from 'svelte-eslint-parser';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'stream', 'events', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // shared/ is pure: no Node, no DOM, no Electron, and never the other layers.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...nodeModules], message: 'shared/ is pure TypeScript: no Node or Electron.' }, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on electron/ or renderer/.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'require', 'Buffer'],
    },
  },
  {
    // The renderer speaks only the api: no Node, no Electron, no back-end modules.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...nodeModules], message: 'The renderer never imports Node or Electron; call the api.' }, { group: ['**/electron/**'], message: 'The renderer reaches the back end only through shared/api.' }] }],
    },
  },
  {
    // zod's set-up probes `new Function`, which the page's CSP (no unsafe-eval) refuses: the
    // renderer takes only the contract's types, never zod or the schemas of shared/api/ops.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['zod', 'zod/*', '**/shared/api/ops/*', '**/shared/api/contract'], allowTypeImports: true, message: 'The renderer imports the contract with `import type` only: zod breaks the page\'s CSP.' }] }],
    },
  },
  {
    // Only the transports touch Electron's IPC objects.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/transports/**', 'electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Electron belongs to main.ts, preload.ts, electron/shell and the IPC transport.' }] }],
    },
  },
);
