/**
 * Human demonstrations: an episode a person played (the task, seed, every action and the screen it was taken
 * on, and how it ended) as a JSON file that can be exported, imported (untrusted: size cap, schema, clear
 * errors that say where), replayed in the environment, and used to check an affordance program against what
 * the person did (`demo/coverage.ts`). Frames are stored run-length encoded (screens are flat colours: a
 * 160×210 screen is a few kB instead of 134 kB).
 *
 * Example:
 *   const rec = startDemo({ task: 'click-button', seed: 5, maxSteps: 40 }, obs);
 *   addDemoStep(rec, { type: 'click', x: 40, y: 90 }, obsBefore.pixels);
 *   finishDemo(rec, result.observation.pixels, result.reward, result.info.reason);
 *   const text = JSON.stringify(rec);           // export
 *   const demo = parseDemo(text, 'demo.json');  // import: throws "demo.json: steps[0].action: …" on a bad file
 *   replayDemo(demo).matches                    // true: the environment reproduces every recorded frame
 */
import { checkActions } from '../affordance/program';
import type { Action, Observation } from '../env/types';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../env/types';
import { makeEnv, TASK_NAMES } from '../tasks/index';

export const DEMO_FORMAT = 'webnav-demonstration';
export const DEMO_VERSION = 1;
/** The largest demonstration file accepted (checked before parsing). */
export const MAX_DEMO_BYTES = 4 * 1024 * 1024;
export const MAX_DEMO_STEPS = 200;
/** An encoded frame is at most this long (a 160×210 screen of alternating pixels would be ~180 kB). */
const MAX_FRAME_CHARS = 400_000;

export interface DemoStep {
  action: Action;
  /** The screen the person acted on (run-length encoded RGBA, base64). */
  frame: string;
}

export interface Demonstration {
  format: typeof DEMO_FORMAT;
  version: typeof DEMO_VERSION;
  task: string;
  seed: number;
  maxSteps: number;
  utterance: string;
  steps: DemoStep[];
  /** How the episode ended (null: the person stopped recording before the end). */
  end: { frame: string; reward: number; reason: string } | null;
}

export function startDemo(episode: { task: string; seed: number; maxSteps: number }, first: Pick<Observation, 'utterance'>): Demonstration {
  return { format: DEMO_FORMAT, version: DEMO_VERSION, ...episode, utterance: first.utterance, steps: [], end: null };
}

/** Records one step: the action and the screen it was taken on. */
export function addDemoStep(demo: Demonstration, action: Action, before: Uint8ClampedArray): void {
  demo.steps.push({ action, frame: encodeFrame(before) });
}

export function finishDemo(demo: Demonstration, last: Uint8ClampedArray, reward: number, reason: string | undefined): void {
  demo.end = { frame: encodeFrame(last), reward, reason: reason ?? 'done' };
}

/** RGBA pixels → base64 of (run length u16, R, G, B, A) records. */
export function encodeFrame(pixels: Uint8ClampedArray): string {
  const out: number[] = [];
  const n = pixels.length / 4;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && j - i < 0xffff && samePixel(pixels, i, j)) j++;
    const len = j - i;
    out.push(len & 0xff, len >> 8, pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2], pixels[i * 4 + 3]);
    i = j;
  }
  let binary = '';
  for (let k = 0; k < out.length; k += 0x8000) binary += String.fromCharCode(...out.slice(k, k + 0x8000));
  return btoa(binary);
}

const samePixel = (p: Uint8ClampedArray, i: number, j: number) =>
  p[i * 4] === p[j * 4] && p[i * 4 + 1] === p[j * 4 + 1] && p[i * 4 + 2] === p[j * 4 + 2] && p[i * 4 + 3] === p[j * 4 + 3];

/** The inverse of `encodeFrame`; throws when the data is not a whole 160×210 screen. */
export function decodeFrame(data: string): Uint8ClampedArray {
  if (data.length > MAX_FRAME_CHARS) throw new Error(`frame data is ${data.length} characters; at most ${MAX_FRAME_CHARS}`);
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new Error('frame data is not base64');
  }
  if (binary.length % 6 !== 0) throw new Error('frame data is cut short (runs are 6 bytes each)');
  const total = SCREEN_WIDTH * SCREEN_HEIGHT;
  const pixels = new Uint8ClampedArray(total * 4);
  let at = 0;
  for (let k = 0; k < binary.length; k += 6) {
    const len = binary.charCodeAt(k) | (binary.charCodeAt(k + 1) << 8);
    if (len === 0 || at + len > total) throw new Error(`frame data does not make a ${SCREEN_WIDTH}×${SCREEN_HEIGHT} screen`);
    for (let p = at; p < at + len; p++) for (let c = 0; c < 4; c++) pixels[p * 4 + c] = binary.charCodeAt(k + 2 + c);
    at += len;
  }
  if (at !== total) throw new Error(`frame data has ${at} pixels; a screen has ${total}`);
  return pixels;
}

/**
 * Parses and validates an imported demonstration (untrusted): the size cap before parsing, then the schema
 * field by field. Every error names the file and where in it: "demo.json: steps[2].action: …".
 */
export function parseDemo(text: string, file = 'demonstration'): Demonstration {
  const fail = (where: string, what: string): never => {
    throw new Error(`${file}: ${where ? `${where}: ` : ''}${what}`);
  };
  if (text.length > MAX_DEMO_BYTES) fail('', `${(text.length / 1e6).toFixed(1)} MB is over the ${MAX_DEMO_BYTES / 1024 / 1024} MB limit`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('', `not JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('', 'expected a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.format !== DEMO_FORMAT) fail('format', `expected "${DEMO_FORMAT}", got ${short(o.format)}`);
  if (o.version !== DEMO_VERSION) fail('version', `expected ${DEMO_VERSION}, got ${short(o.version)}`);
  if (typeof o.task !== 'string' || !TASK_NAMES.includes(o.task)) fail('task', `unknown task ${short(o.task)}`);
  if (!Number.isInteger(o.seed) || (o.seed as number) < 0) fail('seed', `expected a whole number ≥ 0, got ${short(o.seed)}`);
  if (!Number.isInteger(o.maxSteps) || (o.maxSteps as number) < 1 || (o.maxSteps as number) > MAX_DEMO_STEPS)
    fail('maxSteps', `expected a whole number from 1 to ${MAX_DEMO_STEPS}, got ${short(o.maxSteps)}`);
  if (typeof o.utterance !== 'string' || o.utterance.length > 500) fail('utterance', 'expected a string of at most 500 characters');
  if (!Array.isArray(o.steps)) return fail('steps', 'expected an array');
  if (o.steps.length > (o.maxSteps as number)) fail('steps', `${o.steps.length} steps, more than maxSteps (${o.maxSteps as number})`);
  const steps = o.steps.map((s: unknown, i: number): DemoStep => {
    const where = `steps[${i}]`;
    if (!s || typeof s !== 'object') return fail(where, 'expected an object {action, frame}');
    const step = s as Record<string, unknown>;
    let action: Action;
    try {
      [action] = checkActions([step.action]);
    } catch (e) {
      return fail(`${where}.action`, (e as Error).message.replace(/^action 0:?\s*/, ''));
    }
    return { action, frame: checkFrame(step.frame, `${where}.frame`, fail) };
  });
  let end: Demonstration['end'] = null;
  if (o.end !== null && o.end !== undefined) {
    if (typeof o.end !== 'object') fail('end', 'expected an object {frame, reward, reason} or null');
    const e = o.end as Record<string, unknown>;
    if (typeof e.reward !== 'number' || !(e.reward >= -1 && e.reward <= 1))
      fail('end.reward', `expected a number in [-1, 1], got ${short(e.reward)}`);
    if (typeof e.reason !== 'string' || e.reason.length > 100) fail('end.reason', 'expected a short string');
    end = { frame: checkFrame(e.frame, 'end.frame', fail), reward: e.reward as number, reason: e.reason as string };
  }
  return {
    format: DEMO_FORMAT,
    version: DEMO_VERSION,
    task: o.task as string,
    seed: o.seed as number,
    maxSteps: o.maxSteps as number,
    utterance: o.utterance as string,
    steps,
    end,
  };
}

function checkFrame(frame: unknown, where: string, fail: (where: string, what: string) => never): string {
  if (typeof frame !== 'string') return fail(where, 'expected the encoded screen as a string');
  try {
    decodeFrame(frame);
  } catch (e) {
    fail(where, (e as Error).message);
  }
  return frame;
}

function short(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === undefined) return 'nothing';
  return JSON.stringify(v)?.slice(0, 40) ?? typeof v;
}

export interface ReplayReport {
  /** Every recorded frame (and the ending) reproduced exactly by the environment. */
  matches: boolean;
  /** The first step whose screen differs from the recording (null when all match). */
  firstMismatch: number | null;
  reward: number | null;
  reason: string | null;
}

/**
 * Replays a demonstration in a fresh environment (same task, seed and step limit) and compares each screen
 * with the recorded one: the environment is deterministic, so a faithful recording replays exactly.
 */
export function replayDemo(demo: Demonstration): ReplayReport {
  const env = makeEnv(demo.task, { maxSteps: demo.maxSteps });
  let obs = env.reset(demo.seed);
  let reward: number | null = null;
  let reason: string | null = null;
  let firstMismatch: number | null = null;
  for (let i = 0; i < demo.steps.length; i++) {
    if (firstMismatch === null && encodeFrame(obs.pixels) !== demo.steps[i].frame) firstMismatch = i;
    const r = env.step(demo.steps[i].action);
    obs = r.observation;
    if (r.terminated || r.truncated) {
      [reward, reason] = [r.reward, r.info.reason ?? null];
      if (i < demo.steps.length - 1 && firstMismatch === null) firstMismatch = i + 1; // steps after the end
      break;
    }
  }
  if (firstMismatch === null && demo.end && (encodeFrame(obs.pixels) !== demo.end.frame || reward !== demo.end.reward))
    firstMismatch = demo.steps.length;
  return { matches: firstMismatch === null, firstMismatch, reward, reason };
}
