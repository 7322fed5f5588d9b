/**
 * What a task module provides (MiniWob's `genProblem`), and the helpers tasks share: word and colour lists and
 * a random non-overlapping layout inside the widget area.
 *
 * Example (a whole task):
 *   export const clickFoo: TaskDefinition = {
 *     name: 'click-foo', family: 'click', maxSteps: 5, description: 'Click the Foo button.',
 *     generate(rng) {
 *       const scene = new Scene();
 *       const foo = scene.add('button', 40, 100, 40, 15, { text: 'Foo' });
 *       return { utterance: 'Click Foo.', fields: {}, scene,
 *         onEvent: (e) => (e.type === 'click' && e.target === foo ? { reward: 1, reason: 'success' } : undefined) };
 *     },
 *   };
 */
import { AREA, type Scene, type Widget } from './scene';
import type { Rng } from '../../util/random';

export type TaskEvent =
  | { type: 'click'; x: number; y: number; target: Widget | null }
  | { type: 'type'; text: string; target: Widget | null }
  | { type: 'key'; name: string; target: Widget | null }
  | { type: 'drag'; x: number; y: number; x2: number; y2: number; target: Widget | null }
  | { type: 'scroll'; x: number; y: number; dy: number; target: Widget | null };

/** Ends the episode. `reward` ∈ [−1, 1]; `timeProportional` applies the env's time discount to it (MiniWob's `endEpisode(r, true)`). */
export interface TaskEnd {
  reward: number;
  reason: string;
  timeProportional?: boolean;
}

export interface TaskInstance {
  utterance: string;
  fields: Record<string, string>;
  scene: Scene;
  /** Called after the scene applied the event's default behaviour; return a TaskEnd to end the episode. */
  onEvent(event: TaskEvent): TaskEnd | void;
}

export interface TaskDefinition {
  name: string;
  /** Tasks of one family share an intent (e.g. 'click-tab' and 'click-tab-2'); used for transfer studies. */
  family: string;
  /** One sentence: what the task asks, and the MiniWob task it follows. */
  description: string;
  /** Default episode limit in steps. */
  maxSteps: number;
  generate(rng: Rng): TaskInstance;
}

export const success = (): TaskEnd => ({ reward: 1, reason: 'success', timeProportional: true });
export const failure = (reason = 'wrong'): TaskEnd => ({ reward: -1, reason });

/** Short words for labels (MiniWob draws from a similar list of common words). */
export const WORDS = [
  'ok',
  'yes',
  'no',
  'next',
  'back',
  'save',
  'send',
  'open',
  'close',
  'stop',
  'play',
  'home',
  'help',
  'edit',
  'copy',
  'find',
  'load',
  'exit',
  'cat',
  'dog',
  'fox',
  'owl',
  'bee',
  'sun',
  'moon',
  'star',
  'tree',
  'leaf',
  'rock',
  'sand',
  'wave',
  'wind',
  'rain',
  'snow',
  'fire',
  'gold',
  'iron',
  'milk',
  'tea',
  'rice',
  'corn',
  'lamp',
  'desk',
  'door',
  'book',
  'pen',
  'cup',
  'hat',
  'ship',
  'car',
  'bus',
  'road',
  'city',
  'park',
  'lake',
] as const;

export const NAMES = [
  'anna',
  'ben',
  'carla',
  'dmitri',
  'elena',
  'farid',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'kira',
  'leon',
  'mila',
  'nora',
  'oscar',
  'petra',
  'quinn',
  'rosa',
  'sami',
  'tara',
  'uma',
  'viktor',
  'wanda',
  'yusuf',
] as const;

/** Named colours, chosen far apart so that a colour mask separates them exactly. */
export const NAMED_COLORS: Readonly<Record<string, number>> = {
  red: 0xe02020,
  green: 0x20a040,
  blue: 0x2050e0,
  yellow: 0xf0d020,
  orange: 0xf08020,
  purple: 0x8030c0,
  pink: 0xf070c0,
  cyan: 0x20c0d0,
  black: 0x101010,
  grey: 0x909090,
  brown: 0x805020,
};

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** 'a, b and c' */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Places boxes of the given sizes at random, non-overlapping positions (with `gap` px between them) inside
 * `area`; falls back to a left-to-right flow when random placement keeps failing.
 */
export function scatter(rng: Rng, sizes: readonly { w: number; h: number }[], area: Box = AREA, gap = 3): Box[] {
  const placed: Box[] = [];
  const overlaps = (b: Box) =>
    placed.some((p) => b.x < p.x + p.w + gap && p.x < b.x + b.w + gap && b.y < p.y + p.h + gap && p.y < b.y + b.h + gap);
  for (const { w, h } of sizes) {
    let box: Box | undefined;
    for (let tries = 0; tries < 200 && !box; tries++) {
      const c = { x: area.x + 2 + rng.int(0, Math.max(1, area.w - w - 4)), y: area.y + 2 + rng.int(0, Math.max(1, area.h - h - 4)), w, h };
      if (!overlaps(c)) box = c;
    }
    placed.push(box ?? flowPosition(placed, w, h, area, gap));
  }
  return placed;
}

function flowPosition(placed: Box[], w: number, h: number, area: Box, gap: number): Box {
  const last = placed[placed.length - 1];
  let x = last ? last.x + last.w + gap : area.x + 2;
  let y = last ? last.y : area.y + 2;
  if (x + w > area.x + area.w) ((x = area.x + 2), (y += (last?.h ?? 0) + gap));
  return { x, y, w, h };
}
