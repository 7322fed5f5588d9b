/**
 * The offline planner's vocabulary: which words ask for which operation, which registered functions can do it
 * (first registered wins, so the planner follows the registry as it grows), and how parameters are read from
 * the instruction. The instruction grammar this implements is documented in src/workflow/README.md (Planner).
 *
 * Example:
 *   OPERATIONS.find((o) => o.id === 'cartoon')!.patterns[0].test('make it cartoon-style') // true
 */
import type { FunctionSignature, ParamValue, PortType } from '../lang/types';

/** Parameters read from words; `undefined` entries mean "not mentioned" and are dropped. */
export type WordParams = Record<string, ParamValue | undefined>;

export interface Operation {
  id: string;
  /** Any match triggers the operation; the earliest match position orders operations in a clause. */
  patterns: RegExp[];
  /** Candidate functions, best first; the first one in the registry is used. */
  fns: string[];
  /** Parameters read from the clause (checked against the signature before use; `sig` names its parameters). */
  params?: (clause: string, whole: string, sig: FunctionSignature) => WordParams;
  /** The operation is skipped when one of these matches (a more specific operation covers it). */
  unless?: RegExp[];
  /** Only about values of these types (the instruction's input): "smooth" blurs a photo, not jazz. */
  onlyFor?: PortType[];
  /** The operation needs this too somewhere in the instruction ("add" is arithmetic only with numbers). */
  requires?: RegExp;
  /** Registered functions to suggest when none of `fns` is registered. */
  related?: string[];
  /** Edits an input the user gives (a photo to paste onto), not one the program makes from words. */
  needsInput?: boolean;
}

/** A number; a minus sign counts only when it starts a word ("-5 fps", not the hyphen of "10-25"). */
const num = String.raw`((?:(?<=^|[\s(=:])-)?\d+(?:\.\d+)?)`;

/** A "2x", "x4", "double", "half" factor. */
export function factor(text: string): number | undefined {
  const m = /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:x|×|times)(?![\w\d]|\s*\d)|\b(?:x|×)\s*(\d+(?:\.\d+)?)\b/i.exec(text);
  if (m) return Number(m[1] ?? m[2]);
  if (/\bdouble\b|\btwice\b/i.test(text)) return 2;
  if (/\btriple\b/i.test(text)) return 3;
  if (/\bquadruple\b/i.test(text)) return 4;
  if (/\bhalf\b/i.test(text)) return 0.5;
  if (/\bquarter\b/i.test(text)) return 0.25;
  return undefined;
}

/** The signature's first number parameter whose name matches `re` (names differ between builds). */
export function numberParam(sig: FunctionSignature, re: RegExp): string | undefined {
  return sig.params.find((p) => p.type === 'number' && re.test(p.name))?.name;
}

/**
 * The value for the signature's numeric parameter matching `re`: a number parameter, or a choice of numbers (such as
 * UpscaleImage's "2" | "4"). A value outside the choices is kept as written, so the checker reports it rather than
 * the number being dropped.
 */
function numeric(sig: FunctionSignature, re: RegExp, value: number | undefined): WordParams {
  const p = sig.params.find(
    (p) => re.test(p.name) && (p.type === 'number' || (p.type === 'choice' && p.choices.every((c) => /^\d+(?:\.\d+)?$/.test(c)))),
  );
  if (!p || value === undefined) return {};
  return { [p.name]: p.type === 'choice' ? String(value) : value };
}

/** The signature's first text parameter (RemoveObject's object, …). */
function textParam(sig: FunctionSignature): string | undefined {
  return sig.params.find((p) => p.type === 'string')?.name;
}

function only(name: string | undefined, value: ParamValue | undefined): WordParams {
  return name && value !== undefined ? { [name]: value } : {};
}

/** Seconds as "N s", "N sec", "N seconds". */
const SECONDS = String.raw`\s*(?:s|sec|secs|seconds?)\b`;

function firstNumber(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** "64x64", "640 x 480", "640 by 480" → [w, h]. */
export function size(text: string): [number, number] | undefined {
  const m = /\b(\d{1,4})\s*(?:x|×|by)\s*(\d{1,4})\b/i.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function motion(text: string): string | undefined {
  const m = /\b(zoom(?:s|ing)?|pan(?:s|ning)?)[\s-]*(in|out|left|right)\b/i.exec(text);
  if (!m) return /\bpan(?:s|ning)?\b/i.test(text) ? 'pan-right' : undefined;
  const verb = m[1].toLowerCase().startsWith('zoom') ? 'zoom' : 'pan';
  const dir = m[2].toLowerCase();
  if (verb === 'zoom' && (dir === 'in' || dir === 'out')) return `zoom-${dir}`;
  if (verb === 'pan' && (dir === 'left' || dir === 'right')) return `pan-${dir}`;
  return undefined;
}

const LANGUAGES = ['french', 'german', 'spanish', 'italian', 'portuguese', 'dutch', 'russian', 'chinese', 'japanese', 'arabic', 'english'];
const LANG_CODES: Record<string, string> = {
  french: 'fr',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  russian: 'ru',
  chinese: 'zh',
  japanese: 'ja',
  arabic: 'ar',
  english: 'en',
};

export function targetLanguage(text: string): string | undefined {
  const m = new RegExp(String.raw`\b(?:in|into|to)\s+(${LANGUAGES.join('|')})\b`, 'i').exec(text);
  return m ? LANG_CODES[m[1].toLowerCase()] : undefined;
}

/** Operations, in the order the planner tries to match them (more specific first). */
export const OPERATIONS: Operation[] = [
  // --- image edits ---
  {
    id: 'cartoon',
    patterns: [/\bcartoon/i, /\bcomic[- ]?(book)?[- ]style/i, /\btoon\b/i, /\banime[- ]style/i],
    fns: ['Cartoonize'],
    params: (c) => {
      const levels = firstNumber(c, new RegExp(`${num}\\s*(?:colou?r\\s+)?(?:colou?rs|levels|tones|steps)`, 'i'));
      return levels !== undefined ? { levels } : {};
    },
  },
  {
    id: 'grayscale',
    patterns: [/\bblack[- ]and[- ]white\b/i, /\bgr[ae]y ?scale\b/i, /\bmonochrome\b/i, /\bdesaturat/i, /\bb\s*&\s*w\b/i],
    fns: ['Grayscale'],
  },
  {
    id: 'style',
    patterns: [
      /\bsepia\b/i,
      /\bvintage\b/i,
      /\bold[- ]fashioned\b/i,
      /\bsketch/i,
      /\bpencil\b/i,
      /\bvignett/i,
      /\bpixel(?:ate|ated|ise|ize|ized|ised| art)\b/i,
      /\bretro game\b/i,
    ],
    fns: ['StyleFilter'],
    params: (c) => {
      if (/\b(sepia|vintage|old[- ]fashioned)\b/i.test(c)) return { style: 'sepia' };
      if (/\b(sketch\w*|pencil)\b/i.test(c)) return { style: 'sketch' };
      if (/\bvignett/i.test(c)) return { style: 'vignette' };
      if (/\bpixel|\bretro game\b/i.test(c)) return { style: 'pixelate' };
      return {};
    },
  },
  {
    id: 'blur',
    patterns: [/\bblur/i, /\bsoften/i, /\bsmooth(?:en)?\b/i],
    fns: ['BlurImage'],
    onlyFor: ['Image'],
    params: (c) => {
      const radius =
        firstNumber(c, new RegExp(`(?:radius(?: of)?|by)\\s*${num}`, 'i')) ?? firstNumber(c, new RegExp(`${num}\\s*(?:px|pixels?)`, 'i'));
      if (radius !== undefined) return { radius: Math.round(radius) };
      if (/\b(heav|strong|very|lot)/i.test(c)) return { radius: 8 };
      if (/\b(slight|bit|little|gentl|soft)/i.test(c)) return { radius: 1 };
      return {};
    },
  },
  {
    id: 'adjust',
    patterns: [/\bbright(?:en|er)?\b/i, /\bdark(?:en|er)\b/i, /\bcontrast\b/i, /\bsaturat(?:e|ion)\b/i, /\bvivid\b/i, /\bmuted\b/i],
    fns: ['AdjustImage'],
    params: (c) => {
      const p: Record<string, ParamValue> = {};
      if (/\bbright(?:en|er)?\b/i.test(c)) p.brightness = 0.25;
      if (/\bdark(?:en|er)\b/i.test(c)) p.brightness = -0.25;
      if (/\b(more|boost|increase|high(?:er)?)\s+contrast/i.test(c) || /\bcontrast(?:y| up)\b/i.test(c)) p.contrast = 1.5;
      if (/\b(less|lower|reduce)\s+contrast/i.test(c)) p.contrast = 0.6;
      if (/\bvivid\b|\b(more|boost|increase)\s+saturation\b|\bsaturate\b/i.test(c)) p.saturation = 1.6;
      if (/\bmuted\b|\b(less|lower|reduce)\s+saturation\b/i.test(c)) p.saturation = 0.5;
      if (Object.keys(p).length === 0 && /\bcontrast\b/i.test(c)) p.contrast = 1.5;
      return p;
    },
  },
  {
    id: 'crop',
    patterns: [/\bcrop/i, /\btrim\b/i],
    fns: ['CropImage'],
    onlyFor: ['Image'],
    params: (c) => {
      const s = size(c);
      return s ? { width: s[0], height: s[1] } : {};
    },
  },
  {
    id: 'resize',
    patterns: [
      /\bresiz/i,
      /\bscale (?:it |the image )?(?:down|up|to)\b/i,
      /\bshrink/i,
      /\bdownscale/i,
      /\bupscale\b(?=.*\b\d{1,4}\s*(?:x|×|by)\s*\d{1,4}\b)/i,
      /\bthumbnail/i,
      /\bsmaller\b/i,
    ],
    fns: ['ResizeImage'],
    params: (c) => {
      const s = size(c);
      if (s) return { width: s[0], height: s[1] };
      const w = firstNumber(c, new RegExp(`${num}\\s*(?:px|pixels?)\\s*wide`, 'i'));
      if (w !== undefined) return { width: w, height: w, keepAspect: true };
      if (/\bthumbnail\b/i.test(c)) return { width: 128, height: 128, keepAspect: true };
      return {};
    },
  },
  {
    id: 'remove-background',
    patterns: [
      /\bremove (?:the )?background\b/i,
      /\bbackground removal\b/i,
      /\bcut ?out\b/i,
      /\bmatt(?:e|ing)\b/i,
      /\bisolate the (?:subject|object|person)\b/i,
    ],
    fns: ['RemoveBackground'],
  },
  {
    id: 'depth-model',
    patterns: [
      /\b(?:neural|ai|learned|model[- ]based)\s+depth\b/i,
      /\bdepth (?:model|anything|estimation model)\b/i,
      /\bestimate (?:the )?depth\b/i,
    ],
    fns: ['EstimateDepth'],
  },
  {
    id: 'depth',
    patterns: [/\bdepth(?: map)?\b/i],
    fns: ['PseudoDepth', 'EstimateDepth'],
    unless: [
      /\b(?:neural|ai|learned|model[- ]based)\s+depth\b/i,
      /\bdepth (?:model|anything|estimation model)\b/i,
      /\bestimate (?:the )?depth\b/i,
    ],
  },
  // --- image understanding ---
  {
    id: 'caption',
    patterns: [/\bcaption/i, /\bdescribe\b/i, /\bdescription\b/i, /\bwhat(?:'s| is) in\b/i, /\balt[- ]text\b/i],
    fns: ['CaptionImage'],
  },
  {
    id: 'classify',
    patterns: [/\bclassif/i, /\bwhat kind of\b/i, /\brecogni[sz]e\b/i, /\blabel (?:it|the|this)\b/i],
    fns: ['ClassifyImage'],
  },
  {
    id: 'detect',
    patterns: [/\bdetect/i, /\bfind (?:the |all )?objects\b/i, /\bbounding box/i, /\blocate\b/i],
    fns: ['DetectObjects'],
  },
  // --- text ---
  {
    id: 'transcribe',
    patterns: [/\btranscri/i, /\bspeech[- ]to[- ]text\b/i, /\bwrite down what\b/i, /\bsubtitle/i],
    fns: ['Transcribe'],
  },
  {
    id: 'translate',
    patterns: [/\btranslat/i, new RegExp(String.raw`\b(?:in|into)\s+(?:${LANGUAGES.join('|')})\b`, 'i')],
    fns: ['Translate'],
    params: (c, whole) => {
      const lang = targetLanguage(c) ?? targetLanguage(whole);
      return lang ? { to: lang } : {};
    },
  },
  {
    id: 'summarize',
    patterns: [/\bsummar/i, /\btl;?dr\b/i, /\bshorten\b/i, /\bcondense\b/i],
    fns: ['Summarize'],
  },
  {
    id: 'uppercase',
    patterns: [/\bupper ?case\b/i, /\bcapital letters\b/i, /\ball caps\b/i, /\blower ?case\b/i, /\btitle ?case\b/i, /\bsentence ?case\b/i],
    fns: ['Case'],
    params: (c) => {
      if (/\blower ?case\b/i.test(c)) return { mode: 'lower' };
      if (/\btitle ?case\b/i.test(c)) return { mode: 'title' };
      if (/\bsentence ?case\b/i.test(c)) return { mode: 'sentence' };
      return { mode: 'upper' };
    },
  },
  {
    id: 'word-count',
    patterns: [/\bcount (?:the )?words\b/i, /\bword count\b/i, /\bhow many words\b/i],
    fns: ['WordCount'],
  },
  {
    id: 'generate-text',
    patterns: [
      /\bwrite (?:a |an |me )?(?:short )?(?:story|poem|haiku|paragraph|slogan|tweet|limerick|song lyrics|lyrics)\b/i,
      /\bcontinue (?:the|this) (?:text|story)\b/i,
      /\bcompose (?:a |an )?(?:poem|story|haiku)\b/i,
    ],
    fns: ['GenerateText'],
  },
  // --- plots and tensors ---
  {
    id: 'histogram',
    patterns: [/\bhistogram\b/i, /\bdistribution\b/i],
    fns: ['Histogram', 'ImageHistogram'],
    params: (c) => {
      const bins = firstNumber(c, new RegExp(`${num}\\s*bins?\\b`, 'i'));
      return bins !== undefined ? { bins } : {};
    },
  },
  {
    id: 'line-plot',
    patterns: [/\bline (?:plot|chart|graph)\b/i, /\bplot (?:the )?values\b/i],
    fns: ['LinePlot'],
  },
  {
    id: 'waveform',
    patterns: [/\bwaveform\b/i, /\bspectrum\b/i, /\bspectrogram\b/i],
    fns: ['AudioToPlot'],
    params: (c) => (/\bspect/i.test(c) ? { view: 'spectrum' } : { view: 'waveform' }),
  },
  {
    id: 'math',
    patterns: [/\b(?:add|plus|sum of|multiply|multiplied|times|product of|subtract|minus|divide|divided|to the power)\b/i],
    fns: ['Math'],
    // "add a dog to this photo" is not arithmetic: two numbers must be named.
    requires: /\d(?:.*\D)\d/,
    params: (c) => {
      if (/\b(multiply|multiplied|times|product)\b/i.test(c)) return { op: 'mul' };
      if (/\b(subtract|minus)\b/i.test(c)) return { op: 'sub' };
      if (/\b(divide|divided)\b/i.test(c)) return { op: 'div' };
      if (/\bpower\b/i.test(c)) return { op: 'pow' };
      return { op: 'add' };
    },
  },
  {
    id: 'matmul',
    patterns: [/\bmatmul\b/i, /\bmatrix multipl/i, /\bmultiply (?:two )?(?:random )?matri/i],
    fns: ['MatMul'],
  },
  {
    id: 'softmax',
    patterns: [/\bsoftmax\b/i],
    fns: ['Softmax'],
  },
  {
    id: 'stats',
    patterns: [/\bstatistics\b/i, /\bstats\b/i, /\bmean and (?:std|standard deviation)\b/i],
    fns: ['TensorStats'],
  },
  {
    id: 'attention',
    patterns: [/\battention\b/i],
    fns: ['Attention', 'SparseAttention', 'BlockSparseAttention', 'DenseAttention'],
  }, // --- image edits and generation by models, composition (registered by other modules; used when present) ---
  {
    id: 'oil paint',
    patterns: [/\boil[- ]?paint/i],
    fns: ['OilPaint'],
    onlyFor: ['Image'],
    related: ['Cartoonize', 'StyleFilter'],
  },
  {
    id: 'watercolour',
    patterns: [/\bwater[- ]?colou?r/i],
    fns: ['Watercolor'],
    onlyFor: ['Image'],
    related: ['Cartoonize', 'StyleFilter', 'BlurImage'],
  },
  {
    id: 'upscale',
    patterns: [
      /\bupscal/i,
      /\bsuper[- ]?resolution\b/i,
      /\b(?:enhance|increase|improve|boost|raise)\s+(?:the\s+)?resolution\b/i,
      /\benlarge\b/i,
    ],
    fns: ['UpscaleImage'],
    onlyFor: ['Image'],
    unless: [/\b\d{1,4}\s*(?:x|×|by)\s*\d{1,4}\b/i],
    related: ['ResizeImage'],
    params: (c, _w, sig) => numeric(sig, /scale|factor/i, factor(c)),
  },
  {
    id: 'remove object',
    patterns: [
      /\b(?:remove|erase|delete|get rid of|take out)\s+(?!(?:the\s+)?background\b)(?:the\s+|a\s+|an\s+|all\s+(?:the\s+)?)?[\w-]+(?:\s+(?!from\b|in\b|of\b|on\b)[\w-]+)?/i,
    ],
    fns: ['RemoveObject'],
    needsInput: true,
    onlyFor: ['Image'],
    related: ['RemoveBackground', 'CropImage'],
    params: (c, _w, sig) => {
      const m =
        /\b(?:remove|erase|delete|get rid of|take out)\s+(?:the\s+|a\s+|an\s+|all\s+(?:the\s+)?)?((?:(?!from\b|in\b|of\b|on\b)[\w-]+\s*){1,3})/i.exec(
          c,
        );
      return only(textParam(sig), m?.[1].trim());
    },
  },
  {
    id: 'outpaint',
    patterns: [
      /\boutpaint/i,
      /\bextend\s+(?:the\s+|this\s+|my\s+)?(?:[\w-]+\s+){0,2}(?:image|photo|picture|scene|scenery|canvas|borders?|edges?)\b/i,
      /\bexpand\s+(?:the\s+)?(?:canvas|image|scene|picture)\b/i,
      /\bbeyond (?:its|the) (?:edges|borders|frame)\b/i,
    ],
    fns: ['OutpaintImage'],
    needsInput: true,
    onlyFor: ['Image'],
    related: ['ResizeImage', 'CropImage'],
  },
  {
    id: 'inpaint',
    patterns: [/\binpaint/i, /\bfill in (?:the )?(?:masked|missing|damaged|hole)/i, /\bmasked (?:area|region|part)\b/i],
    fns: ['InpaintImage'],
    needsInput: true,
    onlyFor: ['Image'],
    related: ['BlurImage'],
  },
  {
    id: 'colourise',
    patterns: [/\bcolou?ri[sz]/i, /\badd colou?rs? to\b/i],
    fns: ['ColorizeImage'],
    onlyFor: ['Image'],
    related: ['AdjustImage', 'StyleFilter'],
  },
  {
    id: 'overlay text',
    patterns: [
      /\boverlay\b/i,
      /\b(?:write|stamp|print)\b.*\b(?:on|onto|across|over)\b/i,
      /\badd (?:a |the )?(?:text|title|caption|label|words?|watermark)\b/i,
      /\bput (?:the )?(?:text|words?|title)\b.*\b(?:on|onto|over)\b/i,
    ],
    needsInput: true,
    fns: ['OverlayText'],
    onlyFor: ['Image'],
    related: ['RenderText'],
  },
  {
    id: 'composite',
    patterns: [/\b(?:paste|composite|superimpose)\b/i, /\bput (?:me|him|her|it|them)\s+(?:on|onto|in front of)\b/i],
    fns: ['CompositeImages'],
    needsInput: true,
    onlyFor: ['Image'],
    related: ['RemoveBackground'],
  },
  {
    id: 'merge images',
    patterns: [/\bside[- ]by[- ]side\b/i, /\bmerge\b/i, /\b(?:blend|combine)\b/i],
    fns: ['MergeImages'],
    needsInput: true,
    onlyFor: ['Image'],
  },
  // --- video ---
  {
    id: 'trim video',
    patterns: [/\btrim\b/i, /\bcut\b.*\b(?:first|last|between|from)\b/i, /\bthe part between\b/i, /\bkeep only\b.*\bseconds?\b/i],
    fns: ['TrimVideo'],
    onlyFor: ['Video'],
    params: (c, _w, sig) => {
      const between = new RegExp(String.raw`\b(?:between|from)\s+${num}(?:${SECONDS})?\s+(?:and|to)\s+${num}`, 'i').exec(c);
      const first = new RegExp(String.raw`\bfirst\s+${num}${SECONDS}`, 'i').exec(c);
      const start = numberParam(sig, /start|from|begin/i);
      const end = numberParam(sig, /end|to|until|stop/i);
      if (between) return { ...only(start, Number(between[1])), ...only(end, Number(between[2])) };
      if (first) return { ...only(start, 0), ...only(end, Number(first[1])) };
      return {};
    },
  },
  {
    id: 'join videos',
    patterns: [/\b(?:join|concatenate|stitch|splice|append)\b/i, /\bcombine\b.*\b(?:videos|clips)\b/i, /\bone after (?:the )?other\b/i],
    fns: ['ConcatVideos'],
    onlyFor: ['Video'],
  },
  {
    id: 'slideshow',
    patterns: [/\bslide ?show\b/i],
    fns: ['Slideshow'],
    related: ['AnimateImage'],
    params: (c, _w, sig) => only(numberParam(sig, /second|duration|per/i), firstNumber(c, new RegExp(`${num}${SECONDS}`, 'i'))),
  },
  {
    id: 'extract frame',
    patterns: [
      /\b(?:grab|extract|take|get|pull|capture|save)\b.*\b(?:frame|still)\b/i,
      /\bframe at\b/i,
      new RegExp(String.raw`\b\d+(?:\.\d+)?${SECONDS}\s+into\b`, 'i'),
    ],
    fns: ['ExtractFrame'],
    onlyFor: ['Video'],
    params: (c, _w, sig) =>
      only(
        numberParam(sig, /time|at|second/i),
        firstNumber(c, new RegExp(String.raw`\b(?:at|after)\s+${num}${SECONDS}`, 'i')) ??
          firstNumber(c, new RegExp(`${num}${SECONDS}\\s+into`, 'i')),
      ),
  },
  {
    id: 'interpolate frames',
    patterns: [/\binterpolat/i, /\bmore frames\b/i, /\bhigher frame ?rate\b/i],
    fns: ['InterpolateFrames'],
    onlyFor: ['Video'],
    params: (c, _w, sig) => only(numberParam(sig, /factor|scale|times/i), factor(c)),
  },
  {
    id: 'change speed',
    patterns: [
      /\b(?:double|triple|half|quarter|twice the)[- ]speed\b/i,
      /\bspeed (?:it |this |the video |the clip )?up\b/i,
      /\bslow[- ]?mo(?:tion)?\b/i,
      /\bslow (?:it |this |the video |the clip )?down\b/i,
      /\b(?:faster|slower)\b/i,
      /\bat \d+(?:\.\d+)?\s*x\b/i,
    ],
    fns: ['ChangeSpeed'],
    onlyFor: ['Video'],
    params: (c, _w, sig) => {
      const f = factor(c) ?? (/\bslow/i.test(c) ? 0.5 : /\bfast|speed (?:it |this )?up/i.test(c) ? 2 : undefined);
      return only(numberParam(sig, /factor|speed|rate/i), f);
    },
  },
  // --- audio ---
  {
    id: 'mix audio',
    patterns: [/\bmix\b/i, /\blayer\b/i, /\bcombine\b.*\b(?:audio|tracks|sounds?|recordings)\b/i],
    fns: ['MixAudio'],
    onlyFor: ['Audio'],
  },
  {
    id: 'overlay narration',
    patterns: [
      /\bover (?:the |a |some )?(?:[\w-]+\s+){0,2}(?:music|melody|song|tune|track|beat|soundtrack)\b/i,
      /\bvoice[- ]?over\b/i,
      /\bnarration\b.*\bover\b/i,
    ],
    fns: ['OverlayNarration'],
    related: ['MixAudio'],
  },
  {
    id: 'volume',
    patterns: [/\b(?:quieter|louder|volume|amplify|gain)\b/i, /\bturn (?:it |this )?(?:up|down)\b/i],
    fns: ['AdjustVolume'],
    onlyFor: ['Audio'],
    params: (c, _w, sig) => {
      const name = numberParam(sig, /gain|volume|db|level/i);
      const spec = sig.params.find((p) => p.name === name);
      const db = spec?.type === 'number' && (spec.min ?? 0) < 0; // a decibel gain, else a linear factor
      if (/\b(?:quieter|down|lower|reduce)\b/i.test(c)) return only(name, db ? -6 : 0.5);
      if (/\b(?:louder|up|amplify|boost|raise)\b/i.test(c)) return only(name, db ? 6 : 2);
      return {};
    },
  },
  {
    id: 'fade',
    patterns: [/\bfade/i],
    fns: ['FadeAudio'],
    onlyFor: ['Audio'],
    params: (c, _w, sig) => {
      const inName = numberParam(sig, /in/i);
      const outName = numberParam(sig, /out/i);
      const secs = firstNumber(c, new RegExp(`${num}${SECONDS}`, 'i')) ?? 2;
      const p: WordParams = {};
      if (/\bfade[sd]?[- ]?in\b/i.test(c)) Object.assign(p, only(inName, secs));
      if (/\bfade[sd]?[- ]?out\b/i.test(c)) Object.assign(p, only(outName, secs));
      return p;
    },
  },
];

/**
 * Words that ask for a step. One that no operation above consumed is a step the planner could not map: it is
 * reported (with related registered functions), never dropped.
 */
export const ACTIONS: { pattern: RegExp; related: string[] }[] = [
  { pattern: /\b(?:remove|erase|delete|get rid of|take out)\b(?:\s+(?!from\b)[\w-]+){0,3}/i, related: ['RemoveBackground'] },
  {
    pattern: /\b(?:add|insert|place)\s+(?:a|an|some|the)\s+[\w-]+(?:\s+(?!to\b|on\b|in\b|into\b|onto\b|from\b)[\w-]+)?/i,
    related: ['OverlayText', 'CompositeImages'],
  },
  { pattern: /\b(?:replace|swap|exchange)\b(?:\s+[\w-]+){0,3}/i, related: ['RemoveBackground'] },
  { pattern: /\bposteri[sz]\w*/i, related: ['Cartoonize', 'StyleFilter'] },
  { pattern: /\bsharpen\w*/i, related: ['AdjustImage', 'BlurImage'] },
  {
    pattern: /\b(?:rotate|flip|mirror|invert|emboss|tint|recolou?r|retouch|restore|denoise|stabili[sz]e|reverse|loop|mute)\w*/i,
    related: ['AdjustImage', 'StyleFilter', 'CropImage'],
  },
  { pattern: /\bcolou?ri[sz]\w*/i, related: ['AdjustImage'] },
  { pattern: /\b(?:outpaint|inpaint|extend|expand)\w*/i, related: ['ResizeImage'] },
  { pattern: /\b(?:upscale|enhance|sharpen)\w*/i, related: ['ResizeImage'] },
  { pattern: /\b(?:sing|singing|clone|impersonate|sound like)\b/i, related: ['TextToSpeech', 'SpeakText', 'ComposeMusic'] },
  { pattern: /\b(?:merge|combine|blend|overlay|paste|composite|superimpose|mix|join|concatenate|stitch)\b/i, related: [] },
  {
    pattern:
      /\b(?:trim|slow (?:it |this |the \w+ )?down|speed (?:it |this |the \w+ )?up|interpolat\w*|fade[sd]? (?:in|out)|louder|quieter|subtitle\w*|burn)\b/i,
    related: [],
  },
  { pattern: /\b(?:oil[- ]?paint\w*|water[- ]?colou?r\w*)/i, related: ['Cartoonize', 'StyleFilter'] },
];

/** Nouns of things to generate, by type. */
export const GENERATED_NOUNS: Partial<Record<PortType, string>> = {
  Video: String.raw`\b(?:video|clip|animation|movie|footage|film)`,
  Mesh: String.raw`\b(?:3-?d model|3-?d mesh|mesh|3-?d object|sculpture)`,
  Image: String.raw`\b(?:image|picture|photo|photograph|illustration|painting|drawing|artwork|portrait|render(?:ing)?)`,
};

/** A verb that asks for something new to be made ("generate a picture: …"). */
export const GENERATE_VERB = /\b(?:generate|create|draw|paint|make|produce|illustrate|imagine|design)\b/i;

/** Nouns of things to generate followed by their description: "an image of …", "a video of …", "a 3D model of …". */
export const GENERATED: { type: PortType; pattern: RegExp }[] = [
  { type: 'Video', pattern: /\b(?:video|clip|animation|movie|footage|film)\s+(?:of|showing|depicting|where|in which)\s/i },
  { type: 'Mesh', pattern: /\b(?:3-?d model|3-?d mesh|mesh|3-?d object|sculpture)\s+(?:of|showing|depicting)\s/i },
  {
    type: 'Image',
    pattern:
      /\b(?:image|picture|photo|photograph|illustration|painting|drawing|artwork|portrait|render(?:ing)?)\s+(?:of|showing|depicting|where|in which)\s/i,
  },
];

/** What the instruction wants to end up with. */
export interface Target {
  type: PortType;
  /** Preferred producer functions for this target, best first. */
  fns: string[];
  patterns: RegExp[];
  params?: (whole: string) => WordParams;
}

/** Target modalities: matched on phrases like "into a video", "as speech", "make a 3D model". */
export const TARGETS: Target[] = [
  {
    type: 'Video',
    fns: ['AnimateImage'],
    patterns: [/\b(video|clip|animation|animated|animate|movie|webm|gif|film|slideshow)\b/i],
    params: (w) => {
      const p: Record<string, ParamValue> = {};
      const fps = firstNumber(w, new RegExp(`${num}\\s*fps\\b`, 'i')) ?? firstNumber(w, new RegExp(`${num}\\s*frames per second`, 'i'));
      if (fps !== undefined) p.fps = fps;
      const frames = firstNumber(w, new RegExp(`${num}\\s*frames?\\b(?!\\s*per)`, 'i'));
      const seconds = firstNumber(w, new RegExp(`${num}\\s*(?:-\\s*)?(?:s|sec|secs|seconds?)\\b`, 'i'));
      if (frames !== undefined) p.frames = frames;
      else if (seconds !== undefined) p.frames = Math.round(seconds * (fps ?? 24));
      const m = motion(w);
      if (m) p.motion = m;
      return p;
    },
  },
  {
    type: 'Mesh',
    fns: ['DepthToMesh'],
    patterns: [
      /\b3-?d\b/i,
      /\bmesh\b/i,
      /\b(?:obj|glb|stl)\b/i,
      /\bsculpture\b/i,
      /\brelief\b/i,
      /\bheight ?map\b/i,
      /\bprintable model\b/i,
    ],
  },
  {
    type: 'Audio',
    fns: ['TextToSpeech', 'SpeakText'],
    patterns: [
      /\b(speech|speak|spoken|voice|voiceover|aloud|out loud|read (?:it |this |them )?out|say it|narrat\w*|audio|sound|podcast|pronounce)\b/i,
    ],
  },
  {
    type: 'Plot',
    fns: ['Histogram', 'LinePlot'],
    patterns: [/\b(chart|plot|graph|histogram)\b/i],
  },
  {
    type: 'Image',
    fns: ['RenderText', 'PlotToImage'],
    patterns: [/\b(image|picture|photo|poster|illustration|drawing|draw|paint|painting|png|banner|card|sign|render)\b/i],
  },
  {
    type: 'Text',
    fns: ['CaptionImage', 'Transcribe'],
    patterns: [/\b(text|caption|description|transcript|summary)\b/i],
  },
];

/** Music is audio from a different producer: matched before speech. */
export const MUSIC: Target = {
  type: 'Audio',
  fns: ['ComposeMusic'],
  patterns: [/\b(music|melody|song|tune|jingle|soundtrack|chiptune|beat|arpeggio)\b/i],
  params: (w) => {
    const seconds = firstNumber(w, new RegExp(`${num}\\s*(?:-\\s*)?(?:s|sec|secs|seconds?)\\b`, 'i'));
    const bpm = firstNumber(w, new RegExp(`${num}\\s*(?:bpm|beats per minute)\\b`, 'i'));
    const p: Record<string, ParamValue> = {};
    if (seconds !== undefined) p.seconds = seconds;
    if (bpm !== undefined) p.tempo = bpm;
    if (/\b(sad|melanchol|gloomy|dark)\w*/i.test(w)) p.scale = 'minor';
    else if (/\b(happy|cheerful|joyful|bright|upbeat)\b/i.test(w)) p.scale = 'major';
    if (/\bfast\b|\bupbeat\b|\benergetic\b/i.test(w) && bpm === undefined) p.tempo = 150;
    if (/\bslow\b|\bcalm\b|\brelaxing\b/i.test(w) && bpm === undefined) p.tempo = 70;
    return p;
  },
};

/** Where the data comes from: "this photo", "my recording", a quoted text, a file name. */
export interface Source {
  type: PortType;
  fns: string[];
  patterns: RegExp[];
}

export const SOURCES: Source[] = [
  {
    type: 'Image',
    fns: ['LoadImage'],
    patterns: [
      /\b(?:this|my|the|that|our|these)\s+(?:[\w-]+\s+){0,2}(?:photo|image|picture|pic|selfie|snapshot|drawing|png|jpe?g|screenshot|portrait|painting)s?\b/i,
      /\b[\w-]+\.(?:jpe?g|png|webp|gif|bmp)\b/i,
    ],
  },
  {
    type: 'Audio',
    fns: ['LoadAudio'],
    patterns: [
      /\b(?:this|my|the|that)\s+(?:[\w-]+\s+)?(?:recording|audio(?: file| clip)?|voice memo|sound file|podcast|song|mp3|wav)\b/i,
      /\b[\w-]+\.(?:wav|mp3|ogg|flac|m4a)\b/i,
    ],
  },
  {
    type: 'Video',
    fns: ['LoadVideo'],
    patterns: [/\b(?:this|my|the|that)\s+(?:[\w-]+\s+)?(?:video|clip|movie|footage)\b/i, /\b[\w-]+\.(?:webm|mp4|mov)\b/i],
  },
  { type: 'Tensor', fns: ['RandomTensor'], patterns: [/\brandom (?:tensor|matrix|numbers|values|data)\b/i, /\b(?:tensor|matrix)\b/i] },
];

/** Functions that make a value of a type from nothing, for inputs the chain leaves open. */
export const FEEDERS: Partial<Record<PortType, string[]>> = {
  Text: ['TextInput'],
  Number: ['Number'],
  Image: ['LoadImage'],
  Audio: ['LoadAudio'],
  Video: ['LoadVideo'],
  Tensor: ['RandomTensor'],
};

/** Preferred converters between types, best first (used before any other registered function). */
export const CONVERTERS: { from: PortType; to: PortType; fns: string[] }[] = [
  { from: 'Image', to: 'Video', fns: ['AnimateImage'] },
  { from: 'Text', to: 'Image', fns: ['RenderText'] },
  { from: 'Text', to: 'Audio', fns: ['TextToSpeech', 'SpeakText'] },
  { from: 'Image', to: 'Text', fns: ['CaptionImage'] },
  { from: 'Audio', to: 'Text', fns: ['Transcribe'] },
  { from: 'Plot', to: 'Image', fns: ['PlotToImage'] },
  { from: 'Tensor', to: 'Plot', fns: ['Histogram', 'LinePlot'] },
  { from: 'Image', to: 'Plot', fns: ['ImageHistogram'] },
  { from: 'Number', to: 'Text', fns: ['FormatNumber'] },
  { from: 'Audio', to: 'Plot', fns: ['AudioToPlot'] },
  { from: 'Tensor', to: 'Number', fns: ['TensorStats'] },
];
