import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'scratch/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Where code runs decides what it may import (README.md, « Architecture »);
  // tests/unit/boundaries.test.ts checks the same boundaries without ESLint.
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'src/shared is pure: no Electron.' },
      { group: ['node:*'], message: 'src/shared runs in the renderer too: no Node built-ins.' },
      {
        group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/simulator/**'],
        message: 'src/shared imports nothing outside itself.',
      },
    ]),
  },
  {
    files: [
      'src/main/core/**/*.ts',
      'src/main/web/**/*.ts',
      'src/main/bootstrap/**/*.ts',
      'src/simulator/**/*.ts',
    ],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'The core and the web host run under plain Node: never import Electron.',
      },
      {
        group: ['**/main/electron/**', '**/renderer/**', '**/preload/**'],
        message: 'Wrong direction across a boundary.',
      },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        {
          group: ['electron', 'electron/*', 'node:*'],
          message: 'The renderer is sandboxed: no Electron, no Node.',
        },
        {
          group: ['**/main/**', '**/preload/**', '**/simulator/**'],
          message: 'The renderer talks to the main side only through the API client.',
        },
      ]),
    },
  },
);
