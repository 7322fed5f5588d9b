// Module boundaries, checked by `npm run check` (depcruise). See README "Layout".
//   core     = src/gpu, src/util, src/llm, src/ui, src/worker: imports no feature.
//   features = every other folder under src/: import each other only through the feature's index.ts.
//   hosts    = workers/*, scripts/*, tests/*, the shell (src/App.svelte, src/main.ts, src/ui/tabs.ts) and
//              CLI entry points: they compose features and may reach into them.
const CORE = '^src/(gpu|util|llm|ui|worker)/';
const FEATURE = '^src/(?!gpu/|util/|llm/|ui/|worker/)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to load, test or change one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'feature-internals-only-via-index',
      severity: 'error',
      comment: "Another feature's public surface is its index.ts; its other files are internals.",
      from: {
        path: '^src/([^/]+)/',
        pathNot: ['^src/ui/tabs\\.ts$'],
      },
      // ui.ts: a feature's page-side surface (Svelte state other tabs show), kept out of index.ts so that
      // workers and Node never load it.
      to: { path: FEATURE, pathNot: ['^src/$1/', '^src/[^/]+/(index|ui)\\.ts$'] },
    },
    {
      name: 'core-imports-no-feature',
      severity: 'error',
      comment: 'The core (gpu, util, llm, ui, worker) is below every feature; the tab list (src/ui/tabs.ts) is the shell.',
      from: { path: CORE, pathNot: ['^src/ui/tabs\\.ts$'] },
      to: { path: FEATURE },
    },
    {
      name: 'gpu-is-the-runtime-only',
      severity: 'error',
      comment: 'src/gpu = device, compile, buffers, timer, context: no UI, no worker protocol, no feature.',
      from: { path: '^src/gpu/' },
      to: { path: '^(src|workers)/', pathNot: '^src/gpu/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'],
    },
  },
};
