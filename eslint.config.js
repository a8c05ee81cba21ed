// ESLint (`npm run lint`, with `prettier --check` and knip): the recommended rules of ESLint,
// typescript-eslint and eslint-plugin-svelte, plus the few that keep the code as issue #17 left it.
// Not type-aware: the type-aware rules cost minutes on two cores, and `tsc`/`svelte-check` already
// type-check everything. Formatting is Prettier's job (.prettierrc).
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Two checks no installed plugin offers, too small to be worth one. */
const local = {
  rules: {
    // `a ? x : x`: the condition decides nothing (playwright.config.ts had one).
    'no-identical-ternary': {
      meta: { type: 'problem', messages: { same: 'Both branches of this conditional are the same.' }, schema: [] },
      create(context) {
        const text = (node) => context.sourceCode.getText(node).replace(/\s+/g, ' ');
        return {
          ConditionalExpression(node) {
            if (text(node.consequent) === text(node.alternate)) context.report({ node, messageId: 'same' });
          },
        };
      },
    },
    // Imports at the top of a module, before any other statement (what `import/first` checks).
    'imports-first': {
      meta: { type: 'suggestion', messages: { late: 'Imports go before any other statement of the module.' }, schema: [] },
      create(context) {
        return {
          Program(program) {
            let other = false;
            for (const node of program.body) {
              if (node.type !== 'ImportDeclaration') other = true;
              else if (other) context.report({ node, messageId: 'late' });
            }
          },
        };
      },
    },
  },
};

export default defineConfig(
  globalIgnores(['dist/', '.astro/', 'coverage/', 'test-results/', 'playwright-report/', 'blob-report/', 'public/', 'patches/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,
  {
    plugins: { local },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'local/no-identical-ternary': 'error',
      'local/imports-first': 'error',
      // Unused variables through typescript-eslint (it understands types and overloads); `_x` is deliberate.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // `catch {}` says "a failure here changes nothing" (best-effort cleanup, polling a server that is starting).
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-constant-binary-expression': 'error',
      'no-dupe-else-if': 'error',
      'no-self-compare': 'error',
      'no-unneeded-ternary': 'error',
      'no-useless-concat': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `let { form = $bindable(), locked } = $props()`: one bindable prop keeps the whole destructuring a `let`.
      'prefer-const': ['error', { destructuring: 'all' }],
      // Prettier wraps code at 140 (.prettierrc) but never a comment: none over 160 characters either.
      // Strings stay whole (a test's expected sentence, a printed table row is easier to read unbroken).
      'max-len': [
        'error',
        { code: 160, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
    },
  },
  {
    // Benchmarks and tests run functions in the page (`page.evaluate`): browser globals there too.
    files: ['scripts/**', 'tests/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Page and worker code runs in the browser.
    files: ['src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/workers/**', 'src/**/*.worker.ts'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // Svelte components and `.svelte.ts` state classes: TypeScript inside, runes as globals.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // State here is replaced, never mutated in place (`expanded = new Set(next)`), and the Sets, Maps
      // and URLs the rule flags are local scratch values or cache keys no template reads: SvelteSet and
      // friends would add reactivity nobody observes.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // The layering README describes: lib is framework-free and never reaches into components.
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/components/**', '*.svelte'], message: 'src/lib imports no component: pass what it needs in.' }] },
      ],
    },
  },
  {
    // The engine serves inference and the probes; they never reach back into it (issue #17).
    files: ['src/lib/inference/**', 'src/lib/probe/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**', '*.svelte'], message: 'src/lib imports no component: pass what it needs in.' },
            { group: ['**/engine/**', '../engine'], message: 'inference and probe are below the engine: move the shared piece down.' },
          ],
        },
      ],
    },
  },
  {
    // Data tables are the bottom layer: lib/data imports nothing from lib/train.
    files: ['src/lib/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**', '*.svelte'], message: 'src/lib imports no component: pass what it needs in.' },
            {
              group: ['**/train/**', '../train', '../train/*'],
              message: 'lib/data is below lib/train: move the shared piece into lib/data.',
            },
          ],
        },
      ],
    },
  },
);
