// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

// Folders of src/ by layer, bottom to top. src/log.ts is a primitive.
const primitives = ['primitives'];
const buildingBlocks = [
  'access',
  'audit',
  'auth',
  'config',
  'db',
  'finance',
  'notifications',
  'offers',
  'open-data',
  'programmes',
  'seed',
  'system',
  'temporal',
  'wimd',
];
const useCases = ['activities', 'operations'];
const compositionRoots = ['main', 'start-system', 'create-worker'];

const folder = (name) => `**/${name}/**`;
const rootFiles = compositionRoots.map((name) => `**/${name}.js`);
// A workflow's *.messages.ts is what callers import to talk to it; the rest of src/workflows is bundled
// for the sandbox by path and imported by nothing outside it.
const workflowMessages = '**/workflows/**/*.messages.js';
// Files, not the folder: a folder excluded by a pattern cannot have a file inside it let back in, and
// workflows/case/case.messages.ts sits a folder down.
const workflowCode = { group: ['**/workflows/**/*.js', `!${workflowMessages}`], message: 'Only a workflow’s *.messages.ts may be imported.' };
const rootsOnTop = { group: rootFiles, message: 'Composition roots (src/main.ts, start-system.ts, create-worker.ts) are imported by nothing.' };

function restricted(patterns) {
  return ['error', { patterns }];
}

function above(names, layer) {
  return { group: names.map(folder), message: `${layer} may not import from a layer above it (README, "What may import what").` };
}

function layerRules() {
  const src = (names) => names.map((name) => `src/${name}/**/*.ts`);
  return [
    {
      files: src(['domain']),
      rules: {
        '@typescript-eslint/no-restricted-imports': restricted([
          {
            group: [...[...primitives, ...buildingBlocks, ...useCases, 'api', 'web', 'workflows'].map(folder), '**/log.js', ...rootFiles],
            message: 'The domain imports nothing of ours.',
          },
        ]),
      },
    },
    {
      files: [...src(primitives), 'src/log.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restricted([
          above([...buildingBlocks, ...useCases, 'api', 'web', 'domain', 'workflows'], 'A primitive'),
          rootsOnTop,
        ]),
      },
    },
    {
      files: src(buildingBlocks),
      rules: {
        '@typescript-eslint/no-restricted-imports': restricted([
          above([...useCases, 'api', 'web'], 'A building block'),
          workflowCode,
          { group: [workflowMessages], allowTypeImports: true, message: 'A building block takes only types from a workflow’s messages.' },
          rootsOnTop,
        ]),
      },
    },
    {
      files: src(['activities']),
      rules: {
        '@typescript-eslint/no-restricted-imports': restricted([above(['operations', 'api', 'web'], 'An activity'), workflowCode, rootsOnTop]),
      },
    },
    {
      files: src(['operations']),
      rules: {
        '@typescript-eslint/no-restricted-imports': restricted([above(['activities', 'api', 'web'], 'An operation'), workflowCode, rootsOnTop]),
      },
    },
    {
      files: compositionRoots.map((name) => `src/${name}.ts`),
      rules: { '@typescript-eslint/no-restricted-imports': restricted([workflowCode]) },
    },
    {
      // The HTTP edge: the API and the web pages, which share its route table, authentication and errors.
      files: src(['api', 'web']),
      rules: { '@typescript-eslint/no-restricted-imports': restricted([above(['activities'], 'The HTTP edge'), workflowCode, rootsOnTop]) },
    },
  ];
}

/** The workflow sandbox's imports. */
function workflowImports() {
  return [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code may not use Node builtins.' })),
      patterns: [
        { group: ['@prisma/*', '**/generated/prisma/**', '**/db/**', 'pg'], message: 'Workflow code may not touch the database.' },
        { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities with `import type` only.' },
        {
          group: ['**/system/**', '**/api/**', '**/web/**', '**/log.js', 'pino', '@temporalio/worker', '@temporalio/client'],
          message: 'Not available in the workflow sandbox.',
        },
        {
          group: [...primitives, ...buildingBlocks, 'operations'].filter((name) => name !== 'db' && name !== 'system').map(folder),
          message: 'Workflow code imports only the domain, its own files and the types of activities.',
        },
        { group: rootFiles, message: 'Not available in the workflow sandbox.' },
      ],
    },
  ];
}

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
  // The layers of src/, bottom to top, as the README's "What may import what" has them: a file may import
  // from its own layer and those below, never from one above.
  ...layerRules(),
  {
    // Workflow code runs in Temporal's deterministic sandbox: Node builtins, Prisma and activity
    // implementations would fail there at run time, so lint fails first. Activities may be imported
    // for their types only; nothing else of ours but the domain.
    files: ['src/workflows/**/*.ts', 'bench/baseline-workflow.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': workflowImports() },
  },
  {
    files: ['src/workflows/**/*.ts', 'bench/baseline-workflow.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflow code.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Workflow time comes from Temporal; Date.now() is replaced in the sandbox but do not rely on it.' },
        { object: 'Math', property: 'random', message: 'No randomness in workflow code.' },
      ],
    },
  },
);
