/**
 * Features of one CANDIDATE action in one observation: what the Q-network sees. Pixels only (plus the
 * utterance), never the scene graph. Per observation we read the text once (`ReadText`, the perception
 * library's OCR) and hash the utterance; per candidate we look at an 11×11 patch around the click point.
 * For typing actions the patch is taken at the agent's last click (where the focus probably is).
 *
 * Layout ([FEATURE_DIM]):
 *   0–2  action type one-hot (click, type, key)      3–4  x/width, y/height
 *   5–12 colour histogram of the patch (2×2×2 RGB)   13   patch non-uniformity   14 centre brightness
 *   15   inside/near a text box   16 that text IS the utterance's target   17 that text occurs in the utterance
 *   18   the centre colour's name occurs in the utterance
 *   19   typed text is a quoted phrase of the utterance   20 key is Enter   21 in the instruction bar
 *   22–37 hashed bag of words of the utterance
 *   38   episode progress (steps taken / 10)   39 this point (or its text) was clicked earlier in the episode
 *   40   where the point's text first occurs in the utterance (0–1; orders "ONE, then TWO")
 *   41   the screen shows the utterance's target text somewhere (a slider's readout, a typed value)
 *   42   the action is a drag   43 the action is a macro (its parts set 0–2, 19, 20 together)
 *   44   the point's rank in its column of candidates (top to bottom) is the ordinal the utterance names ("2nd")
 *   45   every OTHER text the utterance mentions has been clicked (on it or just left of it) this episode
 * A drag is seen at its end point (where it leaves a slider), a macro at its first pointer action.
 * The agent's memory of the episode (its clicks) is part of its state: the screen alone does not show
 * hidden progress (a first button of a sequence clicked, an option chosen before Submit).
 *
 * Example:
 *   const ctx = observationContext(obs, readText, { clicks: [], steps: 0 });
 *   const x = new Float32Array(actions.length * FEATURE_DIM);
 *   actions.forEach((a, i) => candidateFeatures(ctx, a, x, i * FEATURE_DIM));
 */
import type { Action, Observation } from '../env/types';
import { NAMED_COLORS } from '../env/task';
import { QUERY_HEIGHT } from '../env/scene';

export interface TextBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Reads the text drawn on a screen (the perception library's OCR). */
export type ReadText = (obs: Observation) => TextBox[];

export const BOW_DIM = 16;
export const FEATURE_DIM = 22 + BOW_DIM + 8;
const PATCH_RADIUS = 5;

const STOPWORDS = new Set([
  'the',
  'on',
  'a',
  'an',
  'to',
  'and',
  'of',
  'in',
  'into',
  'click',
  'select',
  'then',
  'it',
  'is',
  'with',
  'for',
  'press',
  'enter',
]);

export interface ObservationContext {
  obs: Observation;
  utterance: string;
  words: Set<string>;
  quoted: string[];
  bow: Float32Array;
  /** Text boxes below the instruction bar (there they are the utterance itself, not widgets), with how they relate to the utterance. */
  boxes: (TextBox & { target: boolean; mentioned: boolean })[];
  /** Some text box shows the utterance's target. */
  targetShown: boolean;
  /** The ordinal the utterance names (0: none). */
  ordinal: number;
  /** The agent's last click in this episode (typing features look there). */
  lastClick: { x: number; y: number } | null;
  memory: EpisodeMemory;
}

/** What the agent remembers of the current episode. */
export interface EpisodeMemory {
  clicks: { x: number; y: number }[];
  steps: number;
}

export function newMemory(): EpisodeMemory {
  return { clicks: [], steps: 0 };
}

/** Records an action taken (call after each step of an episode). */
export function remember(memory: EpisodeMemory, action: Action): EpisodeMemory {
  const parts = action.type === 'macro' ? action.actions : [action];
  const points = parts.flatMap((a) => (a.type === 'click' ? [{ x: a.x, y: a.y }] : a.type === 'drag' ? [{ x: a.x2, y: a.y2 }] : []));
  return { clicks: points.length ? [...memory.clicks, ...points] : memory.clicks, steps: memory.steps + 1 };
}

/** Where a pointer action acts: a click's point, a drag's end, a macro's first pointer action; null for keys and typing. */
export function pointOf(action: Action): { x: number; y: number } | null {
  if (action.type === 'click') return { x: action.x, y: action.y };
  if (action.type === 'drag') return { x: action.x2, y: action.y2 };
  if (action.type === 'scroll') return { x: action.x, y: action.y };
  if (action.type === 'macro') {
    for (const a of action.actions) {
      const p = pointOf(a);
      if (p) return p;
    }
  }
  return null;
}

export function utteranceWords(utterance: string): string[] {
  return utterance
    .toLowerCase()
    .split(/[^a-z0-9#]+/)
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];

/** The ordinal an utterance names ('the 2nd input', 'the third link') as a number, or 0. */
export function ordinalOf(utterance: string): number {
  const m = /\b(\d+)(?:st|nd|rd|th)\b/i.exec(utterance);
  if (m) return Number(m[1]);
  const w = utterance
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((x) => ORDINAL_WORDS.includes(x));
  return w ? ORDINAL_WORDS.indexOf(w) + 1 : 0;
}

export function quotedPhrases(utterance: string): string[] {
  return [...utterance.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

function hashWord(w: string): number {
  let h = 2166136261;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  return (h >>> 0) % BOW_DIM;
}

export function observationContext(obs: Observation, readText: ReadText, memory: EpisodeMemory = newMemory()): ObservationContext {
  const lastClick = memory.clicks.length ? memory.clicks[memory.clicks.length - 1] : null;
  const utterance = obs.utterance.toLowerCase();
  const words = new Set(utteranceWords(obs.utterance));
  const quoted = quotedPhrases(obs.utterance).map((q) => q.toLowerCase());
  const bow = new Float32Array(BOW_DIM);
  for (const w of words) bow[hashWord(w)] = 1;
  const boxes = readText(obs)
    .filter((b) => b.y >= QUERY_HEIGHT)
    .map((b) => {
      const t = b.text.toLowerCase().trim();
      const target = t.length > 0 && (quoted.length > 0 ? quoted.includes(t) : words.has(t));
      const mentioned =
        t.length > 0 &&
        (new RegExp(`(^|[^a-z0-9])${escapeRe(t)}([^a-z0-9]|$)`).test(utterance) || t.split(/\s+/).some((w) => words.has(w)));
      return { ...b, target, mentioned };
    });
  return {
    obs,
    utterance,
    words,
    quoted,
    bow,
    boxes,
    targetShown: boxes.some((b) => b.target),
    ordinal: ordinalOf(obs.utterance),
    lastClick,
    memory,
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nearestColorName(r: number, g: number, b: number): string | undefined {
  let best: string | undefined;
  let bestD = 40 * 40 * 3; // only a close match names a colour
  for (const [name, c] of Object.entries(NAMED_COLORS)) {
    const d = (r - ((c >> 16) & 255)) ** 2 + (g - ((c >> 8) & 255)) ** 2 + (b - (c & 255)) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

/** A click on a text or within a text's row just left of it (a checkbox before its label). */
function onOrBefore(b: TextBox, p: { x: number; y: number }): boolean {
  return p.y >= b.y - 3 && p.y < b.y + b.h + 3 && p.x >= b.x - 15 && p.x < b.x + b.w + 3;
}

/**
 * Writes the features of `action` into out[offset … offset + FEATURE_DIM). `rank`: its 1-based rank top to bottom
 * among the candidates in its column (`featuresOf` computes it; 0 = unknown).
 */
export function candidateFeatures(ctx: ObservationContext, action: Action, out: Float32Array, offset: number, rank = 0): void {
  out.fill(0, offset, offset + FEATURE_DIM);
  const { obs } = ctx;
  const f = (i: number, v: number) => (out[offset + i] = v);
  const parts = action.type === 'macro' ? action.actions : [action];
  for (const a of parts) f(a.type === 'click' || a.type === 'drag' || a.type === 'scroll' ? 0 : a.type === 'type' ? 1 : 2, 1);
  const pointer = pointOf(action);
  const at = pointer ?? ctx.lastClick;
  if (at) {
    const cx = Math.max(0, Math.min(obs.width - 1, Math.round(at.x)));
    const cy = Math.max(0, Math.min(obs.height - 1, Math.round(at.y)));
    f(3, cx / obs.width);
    f(4, cy / obs.height);
    const p = obs.pixels;
    const c = (cy * obs.width + cx) * 4;
    let n = 0;
    let differ = 0;
    const hist = new Float32Array(8);
    for (let y = cy - PATCH_RADIUS; y <= cy + PATCH_RADIUS; y++) {
      if (y < 0 || y >= obs.height) continue;
      for (let x = cx - PATCH_RADIUS; x <= cx + PATCH_RADIUS; x++) {
        if (x < 0 || x >= obs.width) continue;
        const i = (y * obs.width + x) * 4;
        hist[(p[i] >> 7) * 4 + (p[i + 1] >> 7) * 2 + (p[i + 2] >> 7)]++;
        if (p[i] !== p[c] || p[i + 1] !== p[c + 1] || p[i + 2] !== p[c + 2]) differ++;
        n++;
      }
    }
    for (let k = 0; k < 8; k++) f(5 + k, hist[k] / n);
    f(13, differ / n);
    f(14, (p[c] + p[c + 1] + p[c + 2]) / (3 * 255));
    const box = ctx.boxes.find((b) => cx >= b.x - 3 && cx < b.x + b.w + 3 && cy >= b.y - 3 && cy < b.y + b.h + 3);
    const near = (b: TextBox, x: number, y: number) => x >= b.x - 3 && x < b.x + b.w + 3 && y >= b.y - 3 && y < b.y + b.h + 3;
    if (box) {
      f(15, 1);
      f(16, box.target ? 1 : 0);
      f(17, box.mentioned ? 1 : 0);
      const at = ctx.utterance.indexOf(box.text.toLowerCase().trim());
      if (box.mentioned && at >= 0) f(40, at / Math.max(1, ctx.utterance.length));
    }
    if (pointer) {
      const before = ctx.memory.clicks.some((c) => (box ? near(box, c.x, c.y) : Math.abs(c.x - cx) <= 3 && Math.abs(c.y - cy) <= 3));
      f(39, before ? 1 : 0);
    }
    const name = nearestColorName(p[c], p[c + 1], p[c + 2]);
    if (name && ctx.words.has(name)) f(18, 1);
    f(21, cy < QUERY_HEIGHT ? 1 : 0);
  }
  for (const a of parts) {
    if (a.type === 'type' && ctx.quoted.includes(a.text.toLowerCase())) f(19, 1);
    if (a.type === 'key' && a.name === 'Enter') f(20, 1);
  }
  f(41, ctx.targetShown ? 1 : 0);
  if (ctx.ordinal > 0 && rank === ctx.ordinal) f(44, 1);
  if (pointer) {
    const others = ctx.boxes.filter((b) => b.mentioned && !onOrBefore(b, pointer));
    if (others.length > 0 && others.every((b) => ctx.memory.clicks.some((c) => onOrBefore(b, c)))) f(45, 1);
  }
  f(42, action.type === 'drag' ? 1 : 0);
  f(43, action.type === 'macro' ? 1 : 0);
  out.set(ctx.bow, offset + 22);
  f(38, Math.min(1, ctx.memory.steps / 10));
}

/** Features of a whole candidate list: [n × FEATURE_DIM]. */
export function featuresOf(ctx: ObservationContext, actions: readonly Action[], out?: Float32Array): Float32Array {
  const x = out && out.length >= actions.length * FEATURE_DIM ? out : new Float32Array(actions.length * FEATURE_DIM);
  const points = actions.map(pointOf);
  // Rank in the column: candidates whose points share x (±3 px), top to bottom ("the 2nd input").
  const rankOf = (i: number) => {
    const p = points[i];
    if (!p) return 0;
    let rank = 1;
    for (const q of points) if (q && Math.abs(q.x - p.x) <= 3 && q.y < p.y - 3) rank++;
    return rank;
  };
  const ranks = ctx.ordinal > 0 ? actions.map((_, i) => rankOf(i)) : undefined;
  actions.forEach((a, i) => candidateFeatures(ctx, a, x, i * FEATURE_DIM, ranks?.[i] ?? 0));
  return x;
}
