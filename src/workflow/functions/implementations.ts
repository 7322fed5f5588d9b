/**
 * Every function's implementation, imported once so each registers itself: what the workflow worker, its
 * node workers and Node (CLI runs, benchmarks, tests) execute. The page imports only the signatures
 * (./index.ts), so none of this (mediabunny, three, chart.js, the DQN, transformers.js) reaches it.
 *   import { getRegistry } from '../functions/implementations';
 * Adding a function: create functions/<category>/<name>.ts (calls registerFunction), add ONE import line
 * below (or in pool-implementations.ts when it is pure CPU work), then `npm run gen:signatures` (a unit test fails while signatures.json is out of date).
 */
import './pool-implementations';
import './gpu';
import './video';
import './models';
import './rl';

export { getRegistry, registerFunction, signatureOf, inputOf, paramOf, type FunctionImpl } from './registry';
