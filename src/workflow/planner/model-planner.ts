/**
 * The in-browser model's planner, run in Node (onnxruntime-node, cpu): the same engine, prompts and grammar as the
 * Workflows tab's "In-browser model" backend, for the benchmark and the CLI. Not exported from ./index.ts, so the page
 * never bundles transformers.js through it (the page reaches the model through the LLM worker).
 *
 * Example:
 *   const r = await planWithModel('turn this cat photo into a cartoon-style video', { constrained: true });
 *   r.ok // true whenever constrained (the grammar guarantees a program that checks); r.program is the text
 *   await disposeModelPlanners();
 */
import { engineBackend } from '../../llm/engine-backend';
import { FEATURES } from '../../llm/catalogue';
import { TransformersEngine, configKey, type TransformersConfig } from '../../llm/transformers-engine';
import { getRegistry } from '../functions';
import { PLANNER_GRAMMARS } from './constrained';
import { plan } from './index';
import type { PlanOptions, PlanResult } from './types';

export interface ModelPlanOptions extends Omit<PlanOptions, 'backend'> {
  /** Default: the catalogue's planner model (downloaded from the hub unless `localModelPath` is given). */
  modelId?: string;
  localModelPath?: string;
  dtype?: string;
}

const engines = new Map<string, TransformersEngine>();

export async function planWithModel(instruction: string, opts: ModelPlanOptions = {}): Promise<PlanResult> {
  const { modelId = FEATURES.planner.model, localModelPath, dtype, ...planOpts } = opts;
  const config: TransformersConfig = { modelId, device: 'cpu', dtype, localModelPath };
  const key = configKey(config);
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = new TransformersEngine(config)));
  return plan(instruction, { registry: getRegistry(), ...planOpts, backend: engineBackend(engine, PLANNER_GRAMMARS) });
}

/** Frees the loaded models (ONNX sessions). */
export async function disposeModelPlanners(): Promise<void> {
  await Promise.all([...engines.values()].map((e) => e.dispose()));
  engines.clear();
}
