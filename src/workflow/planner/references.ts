/**
 * Reference programs for retrieval (the paper retrieves 3 of ~17 reference workflows): one per paradigm,
 * described in words. Their programs are built by the offline planner from `instruction`, so they always use
 * the functions this build registers; a reference whose program does not check is left out.
 * Retrieval ranks them by TF-IDF cosine similarity between words of the query and of the description.
 *
 * Example:
 *   retrieve('animate my dog picture', getRegistry(), 3).map((r) => r.name) // ['image_to_video', …]
 */
import { analyse } from '../lang';
import type { Registry } from '../lang/types';
import { planWithRules } from './rules';

export interface Reference {
  name: string;
  description: string;
  instruction: string;
}

export interface ReferenceProgram extends Reference {
  program: string;
  functions: string[];
}

export const REFERENCES: Reference[] = [
  {
    name: 'image_to_video',
    description: 'animate a still photo or picture into a short video clip with camera motion (zoom, pan)',
    instruction: 'animate this photo into a 48 frame zoom-in video',
  },
  {
    name: 'cartoon_video',
    description: 'cartoon or comic style edit of an image, then a video',
    instruction: 'turn this photo into a cartoon-style video',
  },
  {
    name: 'image_editing',
    description: 'edit an image: resize, crop, blur, brightness, contrast, grayscale, sepia or sketch style filters',
    instruction: 'resize this photo to 256x256, blur it slightly and make it sepia',
  },
  {
    name: 'text_to_image',
    description: 'make an image, poster, card or banner showing a text or a subject',
    instruction: 'make a poster image saying "Hello world"',
  },
  { name: 'text_to_speech', description: 'read a text aloud as speech audio, voice, narration', instruction: 'read "Good morning" aloud' },
  { name: 'text_to_music', description: 'compose music, a melody, a song or a tune as audio', instruction: 'compose a short happy melody' },
  {
    name: 'image_to_3d',
    description: 'make a 3D model, mesh, relief or depth-based object (OBJ, GLB) from a photo',
    instruction: 'make a 3D mesh from this photo',
  },
  { name: 'image_captioning', description: 'describe or caption what is in a picture as text', instruction: 'caption this photo' },
  {
    name: 'caption_to_speech',
    description: 'describe a picture, then read the description aloud',
    instruction: 'describe this photo and read the description aloud',
  },
  { name: 'speech_to_text', description: 'transcribe a recording or audio file to text', instruction: 'transcribe this recording' },
  { name: 'translate_text', description: 'translate a text into another language', instruction: 'translate "good night" into French' },
  {
    name: 'tensor_plot',
    description: 'random tensor numbers, statistics, softmax, histogram or chart plot',
    instruction: 'plot a histogram of a random tensor with 20 bins',
  },
  { name: 'text_processing', description: 'change text case, replace words, count words', instruction: 'make "hello there" upper case' },
];

const STOP = new Set('a an the this that my of to into and or with as in on for it from then is be make turn use'.split(' '));

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

const cache = new WeakMap<Registry, ReferenceProgram[]>();

/** The references whose programs check against `registry`. */
export function referencePrograms(registry: Registry): ReferenceProgram[] {
  let refs = cache.get(registry);
  if (!refs) {
    refs = [];
    for (const r of REFERENCES) {
      const plan = planWithRules(r.instruction, registry);
      if (plan.error || plan.status !== 'ok' || plan.program.nodes.length === 0) continue;
      const program = plan.text
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
        .trim();
      if (analyse(program, registry).diagnostics.some((d) => d.severity === 'error')) continue;
      refs.push({ ...r, program, functions: [...new Set(plan.program.nodes.map((n) => n.fn))] });
    }
    cache.set(registry, refs);
  }
  return refs;
}

/** The k references most similar to `query` (TF-IDF cosine over description + instruction words). */
export function retrieve(query: string, registry: Registry, k = 3): ReferenceProgram[] {
  const refs = referencePrograms(registry);
  const docs = refs.map((r) => words(`${r.description} ${r.instruction} ${r.functions.join(' ')}`));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const vec = (ws: string[]) => {
    const v = new Map<string, number>();
    for (const w of ws) v.set(w, (v.get(w) ?? 0) + Math.log(1 + refs.length / (df.get(w) ?? 0.5)));
    return v;
  };
  const q = vec(words(query));
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    for (const [w, x] of a) dot += x * (b.get(w) ?? 0);
    const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, x) => s + x * x, 0)) || 1;
    return dot / (norm(a) * norm(b));
  };
  return refs
    .map((r, i) => ({ r, score: cosine(q, vec(docs[i])) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, k)
    .map((x) => x.r);
}
