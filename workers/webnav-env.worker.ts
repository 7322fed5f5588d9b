/**
 * The web-navigation environment for the page: runs the task, renders the screen and reads it (perception) off
 * the main thread. Exposed with comlink; see `src/webnav/ui/env-client.ts`. Screens are transferred, not copied.
 */
import * as Comlink from 'comlink';
import {
  makeEnv,
  readText,
  TASKS,
  type Action,
  type DebugScene,
  type EnvOptions,
  type StepInfo,
  type TextRun,
  type WebNavEnv,
} from '../src/webnav';
import { outcome, type Outcome } from '../src/worker/outcome';
import { parseDemo, replayDemo, type Demonstration, type ReplayReport } from '../src/webnav/demo/demonstration';

export interface TaskSummary {
  name: string;
  family: string;
  description: string;
  maxSteps: number;
}

/** One screen and what the last action did to it. */
export interface Frame {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  utterance: string;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
  maxSteps: number;
}

let env: WebNavEnv | undefined;
let last: Frame | undefined;

function send(frame: Frame): Frame {
  last = { ...frame, pixels: frame.pixels.slice() };
  return Comlink.transfer(frame, [frame.pixels.buffer]);
}

function requireEnv(): WebNavEnv {
  if (!env) throw new Error('No task loaded: call reset(task, seed) first.');
  return env;
}

const api = {
  listTasks(): TaskSummary[] {
    return TASKS.map(({ name, family, description, maxSteps }) => ({ name, family, description, maxSteps }));
  },

  reset(task: string, seed: number, opts: EnvOptions = {}): Promise<Outcome<Frame>> {
    return outcome(async () => {
      env = makeEnv(task, opts);
      const obs = env.reset(seed);
      return send({ ...obs, reward: 0, terminated: false, truncated: false, info: { steps: 0 }, maxSteps: env.maxSteps });
    });
  },

  step(action: Action): Promise<Outcome<Frame>> {
    return outcome(async () => {
      const e = requireEnv();
      const r = e.step(action);
      return send({
        ...r.observation,
        reward: r.reward,
        terminated: r.terminated,
        truncated: r.truncated,
        info: r.info,
        maxSteps: e.maxSteps,
      });
    });
  },

  /** The perception library's reading of the current screen (what an affordance program would see). */
  readScreen(): Promise<Outcome<TextRun[]>> {
    return outcome(async () => {
      if (!last) throw new Error('No screen yet: call reset(task, seed) first.');
      return readText(last);
    });
  },

  /** An imported demonstration file, parsed and validated here (off the main thread): errors say where. */
  parseDemo(text: string, file: string): Promise<Outcome<Demonstration>> {
    return outcome(async () => parseDemo(text, file));
  },

  /** Replays a demonstration in a fresh environment and compares every screen with the recorded one. */
  replayDemo(demo: Demonstration): Promise<Outcome<ReplayReport>> {
    return outcome(async () => replayDemo(demo));
  },

  /** DEBUG: the ground-truth scene, for the tab's "scene boxes" overlay. */
  debugScene(): Promise<Outcome<DebugScene>> {
    return outcome(async () => requireEnv().debugScene());
  },
};

export type WebNavEnvWorkerApi = typeof api;

Comlink.expose(api);
