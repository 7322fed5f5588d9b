// ESLint for TypeScript and Svelte: the recommended sets, minus what Prettier (formatting) and svelte-check
// (types) already cover. `npm run lint`; part of `npm run check`.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'tests/artifacts/', 'public/', '.vite/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      // Unused names are errors, except the deliberately ignored `_x`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond && act()` and `(a(), b())` one-line loop bodies are the code's idiom.
      '@typescript-eslint/no-unused-expressions': 'off',
      // svelte-check decides which a11y warnings exist; an ignore it no longer needs is not an error here.
      'svelte/no-unused-svelte-ignore': 'warn',
      // ESLint 10 additions that flag working, deliberate code (a default before a branch; a message that
      // already carries the cause's text).
      'no-useless-assignment': 'off',
      'preserve-caught-error': 'off',
      // Flags plain Maps/Dates built and dropped inside a derivation or an action (not state): noise here.
      'svelte/prefer-svelte-reactivity': 'off',
      // TypeScript (svelte-check) already reports undefined names, and knows DOM types such as BlobPart.
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
