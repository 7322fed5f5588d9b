/**
 * `createEnv(definition, opts)`: the Gym-shaped environment around a task module. Virtual time: the episode
 * limit is counted in steps, so every episode is deterministic per seed. By task name: `makeEnv` in
 * src/webnav/tasks (the task list depends on the environment, never the reverse).
 *
 * Example:
 *   const env = createEnv(getTask('click-button'), { maxSteps: 10, timeDiscount: true });
 *   const obs = env.reset(7);                         // obs.utterance: 'Click on the "save" button.'
 *   const { reward, terminated } = env.step({ type: 'click', x: 50, y: 120 });
 */
import { LINE_HEIGHT, wrapText } from './font';
import { Raster } from './raster';
import { Rng } from '../../util/random';
import { COLORS, QUERY_HEIGHT } from './scene';
import type { TaskDefinition, TaskEnd, TaskEvent, TaskInstance } from './task';
import {
  KEY_NAMES,
  MAX_MACRO_LENGTH,
  MAX_SCROLL,
  SCREEN_HEIGHT,
  SCREEN_WIDTH,
  type Action,
  type PrimitiveAction,
  type DebugScene,
  type EnvOptions,
  type Observation,
  type StepResult,
  type WebNavEnv,
} from './types';

export { KEY_NAMES } from './types';

export function createEnv(definition: TaskDefinition, opts: EnvOptions = {}): WebNavEnv {
  return new Env(definition, opts);
}

class Env implements WebNavEnv {
  readonly task: string;
  readonly maxSteps: number;
  private readonly timeDiscount: boolean;
  private instance: TaskInstance | undefined;
  private steps = 0;
  private done = false;

  constructor(
    private readonly definition: TaskDefinition,
    opts: EnvOptions,
  ) {
    this.task = definition.name;
    this.maxSteps = opts.maxSteps ?? definition.maxSteps;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1)
      throw new Error(`makeEnv: maxSteps must be a positive integer, got ${opts.maxSteps}`);
    this.timeDiscount = opts.timeDiscount ?? false;
  }

  reset(seed: number): Observation {
    if (!Number.isFinite(seed)) throw new Error(`reset: seed must be a number, got ${seed}`);
    this.instance = this.definition.generate(new Rng(seed));
    this.steps = 0;
    this.done = false;
    return this.observe();
  }

  step(action: Action): StepResult {
    const inst = this.instance;
    if (!inst) throw new Error('step: call reset(seed) first');
    if (this.done) throw new Error('step: the episode has ended; call reset(seed)');
    let end: TaskEnd | undefined;
    if (action.type === 'macro') {
      const parts = (action as { actions?: unknown }).actions;
      if (!Array.isArray(parts) || parts.length < 1 || parts.length > MAX_MACRO_LENGTH)
        throw new Error(`step: a macro needs 1–${MAX_MACRO_LENGTH} actions, got ${Array.isArray(parts) ? parts.length : typeof parts}`);
      for (const part of parts) {
        if (part?.type === 'macro') throw new Error('step: macros cannot nest');
        end = inst.onEvent(this.apply(inst, part)) ?? undefined;
        if (end) break; // the episode ended inside the macro: the rest is not applied
      }
    } else end = inst.onEvent(this.apply(inst, action)) ?? undefined;
    this.steps++;
    return this.finish(end);
  }

  debugScene(): DebugScene {
    const inst = this.instance;
    if (!inst) throw new Error('debugScene: call reset(seed) first');
    const { scene } = inst;
    return {
      task: this.task,
      utterance: inst.utterance,
      fields: { ...inst.fields },
      steps: this.steps,
      done: this.done,
      elements: scene.widgets
        .filter((w) => w.visible)
        .map((w) => ({
          ref: w.ref,
          kind: w.kind,
          left: w.x,
          top: w.y,
          width: w.w,
          height: w.h,
          text: w.text,
          value: w.value,
          checked: w.checked,
          focused: scene.focused === w,
          tags: { ...w.tags },
        })),
    };
  }

  private apply(inst: TaskInstance, action: PrimitiveAction): TaskEvent {
    const { scene } = inst;
    const onScreen = (x: number, y: number): [number, number] => [
      Math.max(0, Math.min(SCREEN_WIDTH - 1, Math.floor(x))),
      Math.max(0, Math.min(SCREEN_HEIGHT - 1, Math.floor(y))),
    ];
    switch (action.type) {
      case 'drag': {
        if (![action.x, action.y, action.x2, action.y2].every(Number.isFinite))
          throw new Error(`step: drag needs finite x, y, x2 and y2, got (${action.x}, ${action.y}) → (${action.x2}, ${action.y2})`);
        const [x, y] = onScreen(action.x, action.y);
        const [x2, y2] = onScreen(action.x2, action.y2);
        return { type: 'drag', x, y, x2, y2, target: scene.drag(x, y, x2, y2) };
      }
      case 'scroll': {
        if (!Number.isFinite(action.x) || !Number.isFinite(action.y) || !Number.isInteger(action.dy) || Math.abs(action.dy) > MAX_SCROLL)
          throw new Error(
            `step: scroll needs finite x and y and a whole dy from -${MAX_SCROLL} to ${MAX_SCROLL}, got (${action.x}, ${action.y}) by ${action.dy}`,
          );
        const [x, y] = onScreen(action.x, action.y);
        return { type: 'scroll', x, y, dy: action.dy, target: scene.scroll(x, y, action.dy) };
      }
      case 'click': {
        if (!Number.isFinite(action.x) || !Number.isFinite(action.y))
          throw new Error(`step: click needs finite x and y, got (${action.x}, ${action.y})`);
        const x = Math.max(0, Math.min(SCREEN_WIDTH - 1, Math.floor(action.x)));
        const y = Math.max(0, Math.min(SCREEN_HEIGHT - 1, Math.floor(action.y)));
        return { type: 'click', x, y, target: scene.click(x, y) };
      }
      case 'type':
        if (typeof action.text !== 'string') throw new Error('step: type needs a text string');
        scene.typeText(action.text);
        return { type: 'type', text: action.text, target: scene.focused };
      case 'key':
        if (!(KEY_NAMES as readonly string[]).includes(action.name))
          throw new Error(`step: unknown key "${action.name}"; known keys: ${KEY_NAMES.join(', ')}`);
        scene.key(action.name);
        return { type: 'key', name: action.name, target: scene.focused };
      default:
        throw new Error(`step: unknown action type "${(action as { type: unknown }).type}"`);
    }
  }

  private finish(end: TaskEnd | undefined): StepResult {
    if (end) {
      this.done = true;
      const raw = Math.max(-1, Math.min(1, end.reward));
      // MiniWob: reward × max(0, 1 − elapsed/limit); here time is the steps taken before this one.
      const discount = this.timeDiscount && end.timeProportional && raw > 0 ? Math.max(0, 1 - (this.steps - 1) / this.maxSteps) : 1;
      return {
        observation: this.observe(),
        reward: raw * discount,
        terminated: true,
        truncated: false,
        info: { reason: end.reason, steps: this.steps, rawReward: raw },
      };
    }
    if (this.steps >= this.maxSteps) {
      this.done = true;
      return {
        observation: this.observe(),
        reward: -1,
        terminated: false,
        truncated: true,
        info: { reason: 'timeout', steps: this.steps, rawReward: -1 },
      };
    }
    return { observation: this.observe(), reward: 0, terminated: false, truncated: false, info: { steps: this.steps } };
  }

  private observe(): Observation {
    const inst = this.instance!;
    return { pixels: renderScreen(inst), width: SCREEN_WIDTH, height: SCREEN_HEIGHT, utterance: inst.utterance };
  }
}

/** Draws the instruction bar and the scene into a fresh 160×210 RGBA buffer. */
export function renderScreen(inst: TaskInstance): Uint8ClampedArray {
  const img = new Raster(SCREEN_WIDTH, SCREEN_HEIGHT);
  img.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT, COLORS.page);
  img.fillRect(0, 0, SCREEN_WIDTH, QUERY_HEIGHT, COLORS.queryBar);
  img.fillRect(0, QUERY_HEIGHT, SCREEN_WIDTH, 1, COLORS.border);
  wrapText(inst.utterance, 26)
    .slice(0, 4)
    .forEach((line, i) => img.drawText(2, 2 + i * LINE_HEIGHT, line, COLORS.text));
  inst.scene.render(img);
  return img.pixels;
}
