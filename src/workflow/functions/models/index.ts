/**
 * Model-backed workflow functions (transformers.js pipelines; weights download on first use into the browser
 * cache, WebGPU when available). Imported once by src/workflow/functions/index.ts.
 */
import './generate-text';
import './caption-image';
import './classify-image';
import './detect-objects';
import './estimate-depth';
import './remove-background';
import './transcribe';
import './text-to-speech';
import './translate';
import './summarize';
import './upscale-image';
import './text-to-image';
import './inpaint-image';
import './remove-object';
import './outpaint-image';

export { configureModels } from './runtime';
