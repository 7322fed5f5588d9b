// Page-load budgets of the built app (issue: fast first load): the JavaScript index.html loads eagerly
// (entry + modulepreloads) stays under 150 KB gzipped, dist/ under 35 MB without the Python runtime of the
// Paper → code tab (dist/pyodide/, loaded only when Python runs), and that runtime under 14 MB. Runs on the same dist/ the
// browser tests serve; `node scripts/measure-bundle.mjs` prints the numbers.
import { expect, test } from 'vitest';
import { BUDGET, eagerScripts, measureBundle } from '../../scripts/measure-bundle.mjs';

test('index.html eager scripts: the module entry and its modulepreloads, nothing lazy', () => {
  const html = `<script type="module" crossorigin src="./assets/index-a.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/chunk-b.js">
    <link rel="stylesheet" crossorigin href="./assets/index-c.css">
    <script>import('./assets/lazy-d.js')</script>`;
  expect(eagerScripts(html)).toEqual(['./assets/index-a.js', './assets/chunk-b.js']);
});

test('the built app meets the initial-JS and dist/ budgets', () => {
  const r = measureBundle(process.env.PLAYGROUND_DIST ?? 'dist');
  expect(r.files.length).toBeGreaterThan(0);
  expect(r.problems).toEqual([]);
  expect(r.initialJsGzipBytes).toBeLessThanOrEqual(BUDGET.initialJsGzipBytes);
  expect(r.distBytes).toBeLessThanOrEqual(BUDGET.distBytes);
  expect(r.pythonRuntimeBytes).toBeGreaterThan(0); // the Python runtime is in the build (offline use)
  expect(r.pythonRuntimeBytes).toBeLessThanOrEqual(BUDGET.pythonRuntimeBytes);
});
