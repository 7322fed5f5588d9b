/**
 * GenerateText: a small instruct model continues a prompt (transformers.js text-generation with the model's chat
 * template; WebGPU when available). The model id is a parameter; the dtype is the catalogue's for the device
 * (src/llm/catalogue.ts) — the same as the planner's, so the two share one download in the browser cache.
 *
 * Example program:
 *   p = TextInput(text="Write a haiku about a cat")
 *   g = GenerateText(maxTokens=64)
 *   p.text -> g.prompt
 */
import { registerFunction, inputOf, paramOf } from '../registry';
import { DEFAULT_MODEL_ID } from '../../../llm/defaults';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline, modelParam } from './runtime';

export const generateText: FunctionDef = {
  name: 'GenerateText',
  category: 'text',
  doc: 'Generates text from a prompt with a small instruct language model (downloads the model on first use).',
  needsModel: true,
  inputs: [{ name: 'prompt', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'model', type: 'string', default: DEFAULT_MODEL_ID, doc: 'Hugging Face model id (ONNX, text-generation)' },
    { name: 'system', type: 'string', default: 'You are a helpful assistant. Answer briefly.', doc: 'system message' },
    { name: 'maxTokens', type: 'number', integer: true, min: 1, max: 1024, default: 128 },
    { name: 'temperature', type: 'number', min: 0, max: 2, default: 0, doc: '0 = greedy (deterministic)' },
  ],
  example: 'p = TextInput(text="Write a haiku about a cat")\ng = GenerateText(maxTokens=64)\np.text -> g.prompt',
  async run(inputs, params, ctx) {
    const prompt = inputOf(inputs, 'prompt', 'Text').text;
    const generator = await loadPipeline('text-generation', modelParam(params, DEFAULT_MODEL_ID), undefined, ctx);
    const temperature = paramOf(params, 'temperature', 'number');
    const system = paramOf(params, 'system', 'string');
    const messages = [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: prompt }];
    const out = (await generator(messages, {
      max_new_tokens: paramOf(params, 'maxTokens', 'number'),
      do_sample: temperature > 0,
      ...(temperature > 0 ? { temperature } : {}),
    })) as { generated_text: { content: string }[] | string }[];
    const g = out[0]?.generated_text;
    const text = Array.isArray(g) ? (g.at(-1)?.content ?? '') : String(g ?? '');
    ctx.progress(1);
    return { text: { type: 'Text', text } };
  },
};

registerFunction(generateText);
