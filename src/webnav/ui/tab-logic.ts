/**
 * The Web navigation tab's logic in plain TypeScript (tested in Node): what a step writes to the log, the
 * overlay boxes, the training form's checks, and how training events update the training panel's state.
 * The state and actions live in `webnav-tab.svelte.ts` and `training.svelte.ts`; the components only show them.
 *
 * Example:
 *   stepLine({ type: 'click', x: 3, y: 60 }, { reward: 0, info: { steps: 1 } })   // 'click(3, 60) → reward 0.00'
 *   checkTrainForm({ steps: 5, evalEpisodes: 10, seeds: 1, seedBase: 0 })        // 'Steps must be a whole number from 20 to 20000, got "5".'
 */
import type { Action, DebugScene, StepInfo } from '../env/types';
import type { TextRun } from '../perception';
import { describeAction } from '../affordance/program';
import type { Arm, CurvePoint, TrainResult } from '../agent/train';
import type { TrainEvent } from '../agent/worker-api';
import type { CoverageReport } from '../demo/coverage';

export interface OverlayBox {
  x: number;
  y: number;
  w: number;
  h: number;
  label?: string;
}

export function stepLine(action: Action, r: { reward: number; info: StepInfo }): string {
  return `${describeAction(action)} → reward ${r.reward.toFixed(2)}${r.info.reason ? ` (${r.info.reason})` : ''}`;
}

/** The debug scene's boxes and the text read from pixels, as the canvas overlays them. */
export function overlayBoxes(scene: DebugScene | null, reading: TextRun[], showScene: boolean, showReading: boolean): OverlayBox[] {
  return [
    ...(showScene && scene ? scene.elements.map((e) => ({ x: e.left, y: e.top, w: e.width, h: e.height, label: e.kind })) : []),
    ...(showReading ? reading.map((r) => ({ x: r.x - 1, y: r.y - 1, w: r.w + 2, h: r.h + 2, label: r.text })) : []),
  ];
}

export interface TrainForm {
  steps: number;
  evalEpisodes: number;
  seeds: number;
  seedBase: number;
}

/** The training form's problem, or null when it can run. */
export function checkTrainForm(f: TrainForm): string | null {
  if (!Number.isInteger(f.steps) || f.steps < 20 || f.steps > 20000)
    return `Steps must be a whole number from 20 to 20000, got "${f.steps}".`;
  if (!Number.isInteger(f.evalEpisodes) || f.evalEpisodes < 1 || f.evalEpisodes > 100)
    return `Evaluation episodes must be a whole number from 1 to 100, got "${f.evalEpisodes}".`;
  if (!Number.isInteger(f.seeds) || f.seeds < 1 || f.seeds > 10 || !Number.isInteger(f.seedBase) || f.seedBase < 0 || f.seedBase > 900_000)
    return `Seeds must be a whole number from 1 to 10 and the seed base one from 0 to 900000, got "${f.seeds}" and "${f.seedBase}".`;
  return null;
}

/** Seeds base+1 … base+n, as bench:rl's --seed-base and --seeds. */
export function seedList(base: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => base + i + 1);
}

export interface LiveFrame {
  arm: Arm;
  step: number;
  pixels: Uint8ClampedArray;
  candidates: Action[];
  action: Action;
  reward: number;
}

/** What the training panel shows while a run goes on. */
export interface TrainingView {
  curves: Record<Arm, CurvePoint[]>;
  results: Partial<Record<Arm, { stepsTo90: number | null; finalSuccess: number }>>;
  runs: Record<Arm, TrainResult[]>;
  randomSuccess: number | null;
  live: LiveFrame | null;
  status: string;
}

export function emptyTrainingView(): TrainingView {
  return {
    curves: { affordance: [], full: [] },
    results: {},
    runs: { affordance: [], full: [] },
    randomSuccess: null,
    live: null,
    status: '',
  };
}

/** One training event applied to the view (a new view; the input is not changed). */
export function applyTrainEvent(v: TrainingView, ev: TrainEvent, steps: number): TrainingView {
  switch (ev.type) {
    case 'eval':
      return { ...v, curves: { ...v.curves, [ev.arm]: [...v.curves[ev.arm], ev.point] } };
    case 'frame':
      return {
        ...v,
        live: { arm: ev.arm, step: ev.step, pixels: ev.pixels, candidates: ev.candidates, action: ev.action, reward: ev.reward },
        status: `Training the ${ev.arm === 'full' ? 'full-action-space' : 'affordance'} arm: step ${ev.step} of ${steps}`,
      };
    case 'random':
      return { ...v, randomSuccess: ev.success };
    case 'done':
      return {
        ...v,
        results: { ...v.results, [ev.arm]: { stepsTo90: ev.result.stepsTo90, finalSuccess: ev.result.finalSuccess } },
        runs: { ...v.runs, [ev.arm]: [...v.runs[ev.arm], ev.result] },
      };
  }
}

/** "2 of 3 steps covered (1 inert step not counted)". */
export function coverageLine(r: CoverageReport): string {
  const inert = r.inert ? ` (${r.inert} inert step${r.inert === 1 ? '' : 's'} not counted)` : '';
  return `${r.covered} of ${r.total} step${r.total === 1 ? '' : 's'} covered by the program: ${(r.rate * 100).toFixed(0)} %${inert}`;
}

/** A file name for an exported demonstration. */
export function demoFileName(d: { task: string; seed: number }): string {
  return `webnav-demo-${d.task}-seed${d.seed}.json`;
}
