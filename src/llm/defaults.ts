/**
 * Defaults that the main thread needs without loading transformers.js (the library loads only in the worker).
 */
import { FEATURES } from './catalogue';

/** Default for real visitors: small (≈0.5 B parameters, 483 MB at q4f16), instruct-tuned, follows a program format
 * well enough to plan; ONNX weights on the hub in fp32/fp16/q8/q4/q4f16. The planner and GenerateText share it. */
export const DEFAULT_MODEL_ID = FEATURES.planner.model;
