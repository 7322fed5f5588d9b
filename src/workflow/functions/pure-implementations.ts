/**
 * The pure-CPU functions only (`pure: true`): what a node-pool worker (workers/workflow-node.worker.ts) runs.
 * Importing just these keeps the GPU, WebCodecs/mediabunny, model and file code out of that worker's bundle
 * (the workflow worker imports ./implementations.ts, which includes these). A unit test
 * (tests/unit/workflow-runtime/pure-registry.test.ts) checks that this list and the `pure` flags agree:
 * a function marked `pure: true` must be imported here too.
 */
import './audio/speak-text';
import './audio/compose-music';
import './audio/audio-plot';
import './audio/mix-audio';
import './audio/overlay-narration';
import './audio/adjust-volume';
import './audio/fade-audio';
import './image/resize';
import './image/crop';
import './image/grayscale';
import './image/blur';
import './image/adjust';
import './image/histogram';
import './image/composite';
import './image/merge';
import './mesh/pseudo-depth';
import './mesh/depth-to-mesh';

export { getRegistry } from './registry';
