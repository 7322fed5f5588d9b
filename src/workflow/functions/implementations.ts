/**
 * Every function's implementation, imported once so each registers itself: what the workflow worker, its
 * node workers and Node (CLI runs, benchmarks, tests) execute. The page imports only the signatures
 * (./index.ts), so none of this (mediabunny, three, chart.js, the DQN, transformers.js) reaches it.
 *   import { getRegistry } from '../functions/implementations';
 * Adding a function: create functions/<category>/<name>.ts (calls registerFunction), add ONE import line
 * below, then `npm run gen:signatures` (a unit test fails while signatures.json is out of date).
 */
import './text/text-input';
import './text/concat';
import './text/template';
import './text/case';
import './text/replace';
import './text/word-count';
import './number/number';
import './number/math';
import './number/format-number';
import './tensor/random-tensor';
import './tensor/tensor-stats';
import './tensor/softmax';
import './tensor/matmul';
import './plot/line-plot';
import './plot/histogram';
import './image';
import './gpu';
import './video';
import './audio';
import './mesh';
import './models';
import './rl';

export { getRegistry, registerFunction, signatureOf, inputOf, paramOf, type FunctionImpl } from './registry';
