/**
 * Translate: text from one language to another (translation, Helsinki-NLP OPUS-MT models: one small model per
 * language pair, `Xenova/opus-mt-<from>-<to>`; set `model` to use another).
 *
 * Example program:
 *   t = TextInput(text="Good night")
 *   fr = Translate(from="en", to="fr")
 *   t.text -> fr.text
 */
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline } from './runtime';

const LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl', 'ru', 'zh', 'ja', 'ar', 'pt'];

export const translate: FunctionDef = {
  name: 'Translate',
  category: 'text',
  doc: 'Translates text between languages (a small OPUS-MT model per language pair, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'from', type: 'choice', choices: LANGS, default: 'en' },
    { name: 'to', type: 'choice', choices: LANGS, default: 'fr' },
    { name: 'model', type: 'string', default: '', doc: 'empty: Xenova/opus-mt-<from>-<to>' },
  ],
  example: 't = TextInput(text="Good night")\nfr = Translate(from="en", to="fr")\nt.text -> fr.text',
  async run(inputs, params, ctx) {
    const text = inputOf(inputs, 'text', 'Text').text;
    if (params.from === params.to) return { text: { type: 'Text', text } };
    const model = String(params.model || `Xenova/opus-mt-${params.from}-${params.to}`);
    const translator = await loadPipeline('translation', model, undefined, ctx);
    const out = (await translator(text)) as { translation_text: string }[];
    ctx.progress(1);
    return { text: { type: 'Text', text: out.map((o) => o.translation_text).join(' ') } };
  },
};

registerFunction(translate);
