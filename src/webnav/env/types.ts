/**
 * The Gym-shaped contract of the web-navigation environment (MiniWob-style tasks on a 160×210 canvas).
 * Agents, the affordance sandbox and the benchmark code against these types only.
 *
 * Example:
 *   const env = makeEnv('click-button');
 *   let obs = env.reset(42);                    // { pixels, width: 160, height: 210, utterance: 'Click on the "OK" button.' }
 *   const r = env.step({ type: 'click', x: 80, y: 120 });
 *   // r.reward in [-1, 1]; r.terminated when the task ended; r.truncated on the time limit
 */

export const SCREEN_WIDTH = 160;
export const SCREEN_HEIGHT = 210;

/** Key names the environment understands (DOM `KeyboardEvent.key` spelling). */
export const KEY_NAMES = [
  'Enter',
  'Tab',
  'Backspace',
  'Delete',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'Escape',
  // Select all, copy and paste (MiniWob's "C-a", "C-c", "C-v").
  'Control+a',
  'Control+c',
  'Control+v',
] as const;

/** A scroll moves a list by at most this many rows either way. */
export const MAX_SCROLL = 10;

/**
 * One input event: a click, typing text into the focused field, a key press, a drag from (x, y) to (x2, y2), or
 * the mouse wheel at (x, y) scrolling `dy` rows (positive: down).
 */
export type PrimitiveAction =
  | { type: 'click'; x: number; y: number }
  | { type: 'type'; text: string }
  | { type: 'key'; name: string }
  | { type: 'drag'; x: number; y: number; x2: number; y2: number }
  | { type: 'scroll'; x: number; y: number; dy: number };

/** The most primitive actions one macro holds ("click the field, then type"). */
export const MAX_MACRO_LENGTH = 4;

/**
 * What an agent does in one step: a primitive action, or a short macro of primitives applied in order (CoGA's
 * composite actions, e.g. click a field then type into it). A macro is ONE environment step; it stops early when
 * the episode ends.
 */
export type Action = PrimitiveAction | { type: 'macro'; actions: PrimitiveAction[] };

export interface Observation {
  /** RGBA, row-major, SCREEN_WIDTH × SCREEN_HEIGHT × 4. */
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  utterance: string;
}

export interface StepInfo {
  /** Why the episode ended: 'success', 'wrong', 'timeout', … */
  reason?: string;
  /** Steps taken in this episode. */
  steps: number;
  /** Raw reward before the time discount. */
  rawReward?: number;
}

export interface StepResult {
  observation: Observation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

export interface EnvOptions {
  /** Episode limit in steps (virtual time, so episodes are deterministic); reward −1 when reached. */
  maxSteps?: number;
  /** MiniWob's time-proportional discount of positive rewards. */
  timeDiscount?: boolean;
}

export interface WebNavEnv {
  readonly task: string;
  /** Steps allowed per episode (the task's default unless `EnvOptions.maxSteps` was given). */
  readonly maxSteps: number;
  reset(seed: number): Observation;
  step(action: Action): StepResult;
  /**
   * DEBUG/TEST API, NOT AN OBSERVATION: the ground-truth scene (element boxes, text, kinds) and the task's
   * utterance fields. Tests and the tab's debug overlay use it; agents and affordance programs must work
   * from `Observation` (pixels + utterance) only.
   */
  debugScene(): DebugScene;
}

/** One visible element of the scene, shaped like MiniWob's `dom_elements` entries. */
export interface DebugElement {
  ref: number;
  kind: string;
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
  value: string;
  /** Checked (checkbox, radio), selected (tab, option) or expanded (collapsible, tree folder). */
  checked: boolean;
  focused: boolean;
  /** Task-specific tags, e.g. { shape: 'circle', color: 'red' } or { correct: 'true' }. */
  tags: Record<string, string>;
}

export interface DebugScene {
  task: string;
  utterance: string;
  /** Values parsed into the utterance, e.g. { target: 'OK' } (MiniWob's `fields`). */
  fields: Record<string, string>;
  elements: DebugElement[];
  /** Steps taken in the current episode and whether it has ended. */
  steps: number;
  done: boolean;
}
