/**
 * Translate: text from one language to another. By default a small Helsinki-NLP OPUS-MT model per language pair
 * (`Xenova/opus-mt-<from>-<to>`, only the pairs that exist: src/llm/languages.ts); `model` may name NLLB-200 or
 * M2M100 (any pair, told through src_lang/tgt_lang in their code schemes). The pair is checked before any request.
 *
 * Example program:
 *   t = TextInput(text="Good night")
 *   fr = Translate(from="en", to="fr")
 *   t.text -> fr.text
 */
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { LANGUAGES, resolveTranslation } from '../../../llm/languages';
import { loadPipeline } from './runtime';

const LANGS = Object.keys(LANGUAGES);

export const translate: FunctionDef = {
  name: 'Translate',
  category: 'text',
  doc: 'Translates text between languages (a small OPUS-MT model per existing language pair, or NLLB/M2M100 for any pair; downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'from', type: 'choice', choices: LANGS, default: 'en' },
    { name: 'to', type: 'choice', choices: LANGS, default: 'fr' },
    {
      name: 'model',
      type: 'string',
      default: '',
      doc: 'empty: Xenova/opus-mt-<from>-<to> where that pair exists; Xenova/nllb-200-distilled-600M or Xenova/m2m100_418M for any pair',
    },
  ],
  example: 't = TextInput(text="Good night")\nfr = Translate(from="en", to="fr")\nt.text -> fr.text',
  async run(inputs, params, ctx) {
    const text = inputOf(inputs, 'text', 'Text').text;
    const from = paramOf(params, 'from', 'string'),
      to = paramOf(params, 'to', 'string');
    if (from === to) return { text: { type: 'Text', text } };
    const plan = resolveTranslation(from, to, paramOf(params, 'model', 'string'));
    if (!plan.ok) throw new Error(plan.error);
    const translator = await loadPipeline('translation', plan.model, undefined, ctx);
    const out = (await translator(text, plan.options)) as { translation_text: string }[];
    ctx.progress(1);
    return { text: { type: 'Text', text: out.map((o) => o.translation_text).join(' ') } };
  },
};

registerFunction(translate);
