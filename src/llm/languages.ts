/**
 * Which translation a model family can do, checked before anything is downloaded.
 *
 * - OPUS-MT (Marian): one model per pair, `Xenova/opus-mt-<from>-<to>`; only the pairs below were converted to
 *   ONNX for transformers.js. Source: the hub listing huggingface.co/Xenova/transformers.js/tree/main/quantized/
 *   Helsinki-NLP (the pairs Xenova converted; en-fr, fr-en, en-de, de-fr, fr-de, en-it, it-en, en-ro, fr-ro were
 *   also seen as their own Xenova/opus-mt-* repositories). The multi-target ones (en-mul, mul-en) need a `>>xxx<<`
 *   prefix and are left out. Japanese is `jap` in OPUS-MT names and no Xenova export of it was found; Portuguese
 *   has none either — use NLLB or M2M100 for those.
 * - NLLB-200: one model, `src_lang`/`tgt_lang` as FLORES-200 codes (eng_Latn, fra_Latn, jpn_Jpan …).
 * - M2M100: one model, `src_lang`/`tgt_lang` as ISO 639-1 codes (en, fr, ja …).
 *
 * Example:
 *   resolveTranslation('en', 'ja', '')  // { ok: false, error: 'No OPUS-MT model for en → ja …' }
 *   resolveTranslation('en', 'ja', 'Xenova/m2m100_418M') // { ok: true, model, options: { src_lang: 'en', tgt_lang: 'ja' } }
 */
import { describeModel } from './catalogue';

export const OPUS_MT_PAIRS: readonly string[] = [
  'af-en',
  'ar-en',
  'de-en',
  'de-es',
  'de-fr',
  'en-af',
  'en-ar',
  'en-de',
  'en-es',
  'en-fi',
  'en-fr',
  'en-hi',
  'en-it',
  'en-nl',
  'en-ro',
  'en-ru',
  'en-sv',
  'en-zh',
  'es-de',
  'es-en',
  'es-fr',
  'es-it',
  'es-ru',
  'fi-en',
  'fr-de',
  'fr-en',
  'fr-es',
  'fr-ro',
  'fr-ru',
  'hi-en',
  'it-en',
  'it-es',
  'nl-en',
  'ro-fr',
  'ru-en',
  'ru-es',
  'ru-fr',
  'ru-uk',
  'sv-en',
  'uk-ru',
  'zh-en',
];

/** The languages the Translate function offers (ISO 639-1), with their FLORES-200 codes for NLLB. */
export const LANGUAGES: Record<string, { name: string; nllb: string }> = {
  en: { name: 'English', nllb: 'eng_Latn' },
  fr: { name: 'French', nllb: 'fra_Latn' },
  de: { name: 'German', nllb: 'deu_Latn' },
  es: { name: 'Spanish', nllb: 'spa_Latn' },
  it: { name: 'Italian', nllb: 'ita_Latn' },
  nl: { name: 'Dutch', nllb: 'nld_Latn' },
  ru: { name: 'Russian', nllb: 'rus_Cyrl' },
  uk: { name: 'Ukrainian', nllb: 'ukr_Cyrl' },
  zh: { name: 'Chinese', nllb: 'zho_Hans' },
  ja: { name: 'Japanese', nllb: 'jpn_Jpan' },
  ar: { name: 'Arabic', nllb: 'arb_Arab' },
  pt: { name: 'Portuguese', nllb: 'por_Latn' },
  hi: { name: 'Hindi', nllb: 'hin_Deva' },
  fi: { name: 'Finnish', nllb: 'fin_Latn' },
  sv: { name: 'Swedish', nllb: 'swe_Latn' },
  ro: { name: 'Romanian', nllb: 'ron_Latn' },
  af: { name: 'Afrikaans', nllb: 'afr_Latn' },
};

export type TranslationPlan = { ok: true; model: string; options: { src_lang?: string; tgt_lang?: string } } | { ok: false; error: string };

/** The model and options for translating `from` → `to`, or why that cannot work — without any request. */
export function resolveTranslation(from: string, to: string, model: string): TranslationPlan {
  for (const [side, code] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!LANGUAGES[code])
      return {
        ok: false,
        error: `unknown language '${code}' in '${side}': use one of ${Object.keys(LANGUAGES).join(', ')}`,
      };
  const id = model.trim();
  if (!id) {
    const pair = `${from}-${to}`;
    if (OPUS_MT_PAIRS.includes(pair)) return { ok: true, model: `Xenova/opus-mt-${pair}`, options: {} };
    const fromHere = OPUS_MT_PAIRS.filter((p) => p.startsWith(`${from}-`)).map((p) => p.slice(from.length + 1));
    return {
      ok: false,
      error:
        `no OPUS-MT model for ${from} → ${to} (${LANGUAGES[from].name} → ${LANGUAGES[to].name}); ` +
        (fromHere.length ? `from ${from} there are: ${fromHere.join(', ')}; ` : '') +
        `set model="Xenova/m2m100_418M" or "Xenova/nllb-200-distilled-600M" for any pair`,
    };
  }
  const family = describeModel(id, 'translation').family;
  if (family === 'nllb') return { ok: true, model: id, options: { src_lang: LANGUAGES[from].nllb, tgt_lang: LANGUAGES[to].nllb } };
  if (family === 'm2m100') return { ok: true, model: id, options: { src_lang: from, tgt_lang: to } };
  if (family === 'opus-mt') {
    const m = /opus-mt-([a-z]+)-([a-z]+)$/.exec(id);
    if (m && (m[1] !== from || m[2] !== to))
      return {
        ok: false,
        error: `${id} translates ${m[1]} → ${m[2]}, not ${from} → ${to}: leave model empty to pick the pair's model`,
      };
  }
  return { ok: true, model: id, options: {} };
}
