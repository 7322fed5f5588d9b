/**
 * Summarize: a short summary of a longer text (summarization, DistilBART CNN by default).
 *
 * Example program:
 *   t = TextInput(text="…a long article…")
 *   s = Summarize(maxTokens=60)
 *   t.text -> s.text
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline, modelParam } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.Summarize.model;

export const summarize: FunctionDef = {
  name: 'Summarize',
  category: 'text',
  doc: 'Summarises a longer text in a few sentences (summarisation model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, summarization)' },
    { name: 'maxTokens', type: 'number', integer: true, min: 8, max: 512, default: 80 },
  ],
  example: 't = TextInput(text="A long article …")\ns = Summarize(maxTokens=60)\nt.text -> s.text',
  async run(inputs, params, ctx) {
    const summarizer = await loadPipeline('summarization', modelParam(params, MODEL), undefined, ctx);
    const out = (await summarizer(inputOf(inputs, 'text', 'Text').text, { max_new_tokens: paramOf(params, 'maxTokens', 'number') })) as {
      summary_text: string;
    }[];
    ctx.progress(1);
    return { text: { type: 'Text', text: out[0]?.summary_text ?? '' } };
  },
};

registerFunction(summarize);
