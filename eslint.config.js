// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.data/', '.tools/', 'coverage/', 'tmp-scratch/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: Node builtins, Prisma and activity
    // implementations would fail there at run time, so lint fails first. Activities may be imported
    // for their types only.
    files: ['src/workflows/**/*.ts', 'bench/baseline-workflow.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code may not use Node builtins.' })),
          patterns: [
            { group: ['@prisma/*', '**/generated/prisma/**', '**/db/**', 'pg'], message: 'Workflow code may not touch the database.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities with `import type` only.' },
            {
              group: ['**/system/**', '**/api/**', '**/log.js', 'pino', '@temporalio/worker', '@temporalio/client'],
              message: 'Not available in the workflow sandbox.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflow code.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Workflow time comes from Temporal; Date.now() is replaced in the sandbox but do not rely on it.' },
        { object: 'Math', property: 'random', message: 'No randomness in workflow code.' },
      ],
    },
  },
);
