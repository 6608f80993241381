// ESLint flat config: `make lint` runs it (and `prettier --check`); formatting is prettier's job, not ESLint's.
// Untyped presets only (no type-checked rules), to keep a full run fast on a 2-core CI runner.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['operator/**/*.ts', 'sim/**/*.ts', 'hack/**/*.ts', 'test/**/*.ts'];

// Import direction: the operator never depends on the simulator or the tests.
const NOT_SIM_OR_TEST = [
  { group: ['**/sim/**'], message: 'operator/ must not import from sim/.' },
  { group: ['**/test/**'], message: 'operator/ must not import from test/.' },
];

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'sim/bin/*.js'],
  },
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // verbatimModuleSyntax keeps any import not marked `type`, so type-only imports must say so.
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'error',
    },
  },
  {
    // CLIs print to stdout (operator/main.ts and the cce-operator commands in operator/cli).
    files: ['hack/**/*.ts', 'test/**/*.ts', 'sim/cli*.ts', 'operator/main.ts', 'operator/cli/**/*.ts'],
    rules: {
      'no-console': 'off',
    },
  },
  {
    // chai's property assertions (`.to.be.empty`, `.that.is.not.empty`) are expressions by design.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['operator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: NOT_SIM_OR_TEST }],
    },
  },
  {
    // Rule options do not merge across config objects, so this repeats the operator-wide patterns.
    files: ['operator/runtime/**/*.ts', 'operator/cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NOT_SIM_OR_TEST,
            { group: ['**/resources/**'], message: 'operator/runtime/ and operator/cloud/ must not depend on operator/resources/.' },
          ],
        },
      ],
    },
  },
);
