import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/.turbo/**',
      '**/dist/**',
      'apps/web/public/**',
      'apps/web/next-env.d.ts',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@connect/*/src/*'],
              message: 'Import a package from its root, never its src/ internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // Production code never depends on the test kit.
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'packages/testkit/**', '**/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@connect/testkit',
              message: 'Only tests, benchmarks and the sandbox may use the test kit.',
            },
          ],
          patterns: [
            {
              group: ['@connect/*/src/*'],
              message: 'Import a package from its root, never its src/ internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // Delivery sits below both engines: campaigns (and workflows) import it, never the reverse.
    files: ['packages/delivery/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@connect/campaigns', message: 'Delivery serves the engines; it never imports one.' },
            {
              name: '@connect/testkit',
              message: 'Only tests, benchmarks and the sandbox may use the test kit.',
            },
          ],
          patterns: [
            {
              group: ['@connect/*/src/*'],
              message: 'Import a package from its root, never its src/ internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // Hooks called in a fixed order, and effects and memos that name everything they read.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
