/**
 * Every function module, imported once so each registers itself. Import the registry from here:
 *   import { getRegistry } from '../functions';
 * Adding a function: create functions/<category>/<name>.ts (calls registerFunction) and add ONE import line below.
 */
// Signatures first: media functions the checker and planner must know even where their runtime is absent.
import './signatures/media';

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

export { getRegistry, isImplemented, registerFunction, registerSignature, NotImplementedError, inputOf, paramOf } from './registry';
