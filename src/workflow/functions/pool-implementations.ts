/**
 * The implementations a node-pool worker (workers/workflow-node.worker.ts) can run: every category that holds
 * pure-CPU functions (`pure: true`), and no GPU, video or model code, so transformers.js and mediabunny stay out
 * of that worker's bundle. implementations.ts imports this module and adds the rest; a unit test
 * (tests/unit/workflow-runtime/node-pool.test.ts) checks that every pure function is registered here.
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
import './audio';
import './mesh';

export { getRegistry } from './registry';
