/**
 * The Web navigation tab's state and actions (playing, the affordance overlay and panel, demonstrations), at
 * module level so an episode, a program's answer or a recording survive switching to another tab and back;
 * the components only show this. The environment runs in the env worker, programs in the training worker's
 * sandbox; the logic that can be is plain TypeScript in `tab-logic.ts` and `demo/`.
 *
 * Example (what the controls do):
 *   await reset();                        // play.frame: the first screen of play.task at play.seed
 *   act({ type: 'click', x: 40, y: 90 }); // queued: one step; the overlay is cleared, then computed on the new frame
 *   await startRecording();               // a fresh episode; every step is recorded until it ends
 */
import type { Action, DebugScene } from '../env/types';
import type { TextRun } from '../perception';
import { getTask } from '../tasks/index';
import { webnavEnvWorker, type Frame, type TaskSummary } from './env-client';
import { webnavTrainWorker } from '../agent/train-client';
import { programs } from '../affordance/store.svelte';
import { formatSandboxError, type SandboxError } from '../affordance/program';
import type { VerifyReport } from '../affordance/verify';
import { loadLlmSettings } from '../../llm/settings';
import type { ChatMessage } from '../../llm/types';
import { addDemoStep, encodeFrame, finishDemo, MAX_DEMO_BYTES, startDemo, type Demonstration } from '../demo/demonstration';
import type { CoverageReport } from '../demo/coverage';
import { coverageLine, stepLine } from './tab-logic';

class PlayState {
  tasks = $state.raw<TaskSummary[]>([]);
  task = $state('click-button');
  seed = $state(1);
  // A person types one key per step, so the tab allows more steps than the agents' default.
  maxSteps = $state(40);
  frame = $state.raw<Frame | null>(null);
  log = $state.raw<string[]>([]);
  error = $state('');
  busy = $state(false);
  showScene = $state(false);
  showReading = $state(false);
  scene = $state.raw<DebugScene | null>(null);
  reading = $state.raw<TextRun[]>([]);
  /** The affordance program's actions drawn on the canvas: always those of the frame shown, or none. */
  overlay = $state.raw<Action[]>([]);

  // Demonstrations.
  recording = $state.raw<Demonstration | null>(null);
  demo = $state.raw<Demonstration | null>(null);
  demoInfo = $state('');
  demoError = $state('');
  replaying = $state(false);
  coverage = $state.raw<CoverageReport | null>(null);
  coverageInfo = $state('');
}

class AffordanceState {
  busy = $state('');
  status = $state('');
  error = $state('');
  /** The sandbox error behind `error`, so the editor can mark its line. */
  sandboxError = $state.raw<SandboxError | null>(null);
  actions = $state.raw<Action[]>([]);
  report = $state.raw<VerifyReport | null>(null);
  synthInfo = $state('');
  transcript = $state.raw<ChatMessage[]>([]);
}

export const play = new PlayState();
export const aff = new AffordanceState();

export const familyOf = (task: string) => getTask(task).family;

let started = false;
/** The first visit: the task list and a first episode (later visits find both here). */
export async function openTab(): Promise<void> {
  if (started) return;
  started = true;
  play.tasks = await webnavEnvWorker().listTasks();
  await reset();
}

async function refresh(next: Frame): Promise<void> {
  play.frame = next;
  // The overlay belongs to the frame it was computed on: a new frame clears it, then it is computed on that frame.
  play.overlay = [];
  aff.actions = [];
  if (programs.get(familyOf(play.task))) void runProgram(next);
  const env = webnavEnvWorker();
  const [text, dbg] = await Promise.all([env.readScreen(), env.debugScene()]);
  if (play.frame !== next) return;
  play.reading = text.ok ? text.value : [];
  play.scene = dbg.ok ? dbg.value : null;
}

export async function reset(): Promise<void> {
  play.error = '';
  play.log = [];
  play.overlay = [];
  queue.length = 0;
  if (!Number.isInteger(play.seed)) {
    play.error = `Seed must be a whole number, got "${play.seed}".`;
    return;
  }
  play.busy = true;
  const r = await webnavEnvWorker().reset(play.task, play.seed, { maxSteps: play.maxSteps });
  play.busy = false;
  if (r.ok) await refresh(r.value);
  else play.error = r.error.message;
}

export function nextSeed(): Promise<void> {
  play.seed += 1;
  return reset();
}

// Actions queue up so that fast typing loses no key: each one is a step, applied in order.
const queue: Action[] = [];
let draining = false;

export function act(action: Action): void {
  if (play.replaying) return;
  queue.push(action);
  if (!draining) void drain();
}

async function drain(): Promise<void> {
  draining = true;
  while (queue.length) {
    const action = queue.shift()!;
    if (!play.frame || play.busy) continue;
    if (play.frame.terminated || play.frame.truncated) {
      play.error = 'The episode is over: press New episode (or change the seed) to play again.';
      queue.length = 0;
      break;
    }
    await step(action);
  }
  draining = false;
}

async function step(action: Action): Promise<Frame | null> {
  play.error = '';
  const before = play.frame!;
  const r = await webnavEnvWorker().step(action);
  if (!r.ok) {
    play.error = r.error.message;
    return null;
  }
  const rec = play.recording;
  if (rec) {
    addDemoStep(rec, action, before.pixels);
    play.demoInfo = `Recording ${rec.task} seed ${rec.seed}: ${rec.steps.length} step${rec.steps.length === 1 ? '' : 's'} so far.`;
    if (r.value.terminated || r.value.truncated) {
      finishDemo(rec, r.value.pixels, r.value.reward, r.value.info.reason);
      finishRecording();
    }
  }
  play.log = [...play.log, stepLine(action, r.value)];
  await refresh(r.value);
  return r.value;
}

// ---- The affordance program on the frame shown -------------------------------------------------------------

function fail(e: SandboxError | null, text: string): void {
  aff.error = text;
  aff.sandboxError = e;
}

/** Runs the family's program on `shown` (default: the frame shown) and overlays its actions if that frame is still shown. */
export async function runProgram(shown: Frame | null = play.frame): Promise<void> {
  const source = programs.get(familyOf(play.task))?.source;
  if (!source || !shown) return;
  aff.busy = 'Running';
  aff.error = '';
  aff.status = '';
  aff.sandboxError = null;
  const r = await webnavTrainWorker().runProgram(source, {
    pixels: shown.pixels,
    width: shown.width,
    height: shown.height,
    utterance: shown.utterance,
  });
  aff.busy = '';
  // A step happened while the program ran: its actions belong to an older frame, so they are not drawn.
  if (shown !== play.frame) return;
  if (!r.ok) return fail(null, r.error.message);
  if (r.value.error) {
    aff.actions = [];
    play.overlay = [];
    return fail(r.value.error, r.value.errorText ?? formatSandboxError(r.value.error));
  }
  aff.actions = r.value.actions;
  play.overlay = r.value.actions;
  const steps = shown.info.steps;
  aff.status = `${aff.actions.length} action${aff.actions.length === 1 ? '' : 's'} on the screen shown (after ${steps} step${steps === 1 ? '' : 's'})`;
}

export function clearOverlay(): void {
  play.overlay = [];
}

export async function synthesiseProgram(): Promise<void> {
  const task = play.task;
  aff.busy = 'Searching programs';
  aff.error = '';
  aff.synthInfo = '';
  const r = await webnavTrainWorker().synthesise(task);
  aff.busy = '';
  if (!r.ok) return fail(null, r.error.message);
  if (!r.value.source) {
    const last = r.value.rejected.at(-1);
    return fail(
      null,
      `No program of the DSL verified on ${task} after ${r.value.tried} tries${last ? `; last: ${last.program} (${last.reason})` : ''}.`,
    );
  }
  aff.synthInfo = `Smallest verified program after ${r.value.tried} tried: ${r.value.clauses.join(' + ')} (size ${r.value.size}).`;
  programs.set(familyOf(task), r.value.source, 'synthesiser');
  aff.report = r.value.report;
  await runProgram();
}

export async function generateWithLlm(): Promise<void> {
  const task = play.task;
  const settings = loadLlmSettings();
  if (settings.kind !== 'openai') {
    aff.error =
      'The LLM generator here uses an OpenAI-compatible endpoint: choose one in the LLM settings (Workflows tab), then try again.';
    return;
  }
  aff.busy = 'Prompting the LLM (objects → grounding → templates → strategy → code)';
  aff.error = '';
  aff.synthInfo = '';
  const r = await webnavTrainWorker().generateWithLlm(task, settings.openai);
  aff.busy = '';
  if (!r.ok) return fail(null, r.error.message);
  aff.transcript = r.value.transcript;
  if (r.value.source) programs.set(familyOf(task), r.value.source, 'llm');
  if (r.value.error) return fail(null, r.value.error);
  aff.synthInfo = `LLM program verified after ${r.value.repairs} repair${r.value.repairs === 1 ? '' : 's'}.`;
  await runProgram();
}

export async function verifyProgram(): Promise<void> {
  const source = programs.get(familyOf(play.task))?.source;
  if (!source) return;
  aff.busy = 'Verifying';
  aff.error = '';
  const r = await webnavTrainWorker().verify(source, play.task);
  aff.busy = '';
  if (!r.ok) return fail(null, r.error.message);
  aff.report = r.value;
  const firstError = r.value.samples.find((s) => !s.ok);
  if (firstError) aff.error = `seed ${firstError.seed}: ${firstError.problem}`;
}

// ---- Demonstrations ----------------------------------------------------------------------------------------

/** Starts a fresh episode of the chosen task and seed and records every step until it ends (or Stop). */
export async function startRecording(): Promise<void> {
  play.recording = null;
  await reset();
  if (!play.frame) return;
  play.recording = startDemo({ task: play.task, seed: play.seed, maxSteps: play.maxSteps }, play.frame);
  play.demoInfo = `Recording ${play.task} seed ${play.seed}: play the episode.`;
  play.demoError = '';
}

export function finishRecording(): void {
  const rec = play.recording;
  if (!rec) return;
  play.recording = null;
  play.demo = rec;
  play.coverage = null;
  play.demoInfo = `Recorded ${rec.steps.length} step${rec.steps.length === 1 ? '' : 's'} of ${rec.task} seed ${rec.seed}${rec.end ? `: ${rec.end.reason}, reward ${rec.end.reward.toFixed(2)}` : ' (stopped before the end)'}.`;
}

/** The demonstration as JSON text (what Export saves). */
export function demoJson(): string | null {
  return play.demo ? JSON.stringify(play.demo) : null;
}

/** Imports a demonstration file: the size is checked before reading, the contents are validated in the env worker. */
export async function importDemo(file: File): Promise<void> {
  play.demoError = '';
  if (file.size > MAX_DEMO_BYTES) {
    play.demoError = `${file.name}: ${(file.size / 1e6).toFixed(1)} MB is over the ${MAX_DEMO_BYTES / 1024 / 1024} MB limit`;
    return;
  }
  const r = await webnavEnvWorker().parseDemo(await file.text(), file.name);
  if (!r.ok) {
    play.demoError = r.error.message;
    return;
  }
  play.demo = r.value;
  play.coverage = null;
  play.demoInfo = `Imported ${file.name}: ${r.value.task} seed ${r.value.seed}, ${r.value.steps.length} steps${r.value.end ? `, ${r.value.end.reason} (reward ${r.value.end.reward.toFixed(2)})` : ''}.`;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays the demonstration back on the canvas, step by step, and checks every screen against the recording. */
export async function replayDemo(delayMs = 300): Promise<void> {
  const demo = play.demo;
  if (!demo || play.replaying) return;
  play.recording = null;
  play.replaying = true;
  play.demoError = '';
  play.task = demo.task;
  play.seed = demo.seed;
  play.maxSteps = demo.maxSteps;
  try {
    await reset();
    let mismatch: number | null = null;
    for (let i = 0; i < demo.steps.length && play.frame; i++) {
      if (mismatch === null && encodeFrame(play.frame.pixels) !== demo.steps[i].frame) mismatch = i;
      play.demoInfo = `Replaying step ${i + 1} of ${demo.steps.length}…`;
      await pause(delayMs);
      const f = await step(demo.steps[i].action);
      if (!f || f.terminated || f.truncated) break;
    }
    const f = play.frame;
    if (mismatch === null && demo.end && f && encodeFrame(f.pixels) !== demo.end.frame) mismatch = demo.steps.length;
    play.demoInfo =
      mismatch === null
        ? `Replayed ${demo.steps.length} steps: every screen matches the recording${f?.terminated || f?.truncated ? `; ${f.info.reason}, reward ${f.reward.toFixed(2)}` : ''}.`
        : `Replayed: the screen differs from the recording at step ${mismatch + 1}.`;
  } finally {
    play.replaying = false;
  }
}

/** For each recorded step: was the person's action among the family program's actions on that frame? */
export async function checkCoverage(): Promise<void> {
  const demo = play.demo;
  if (!demo) return;
  const source = programs.get(familyOf(demo.task))?.source;
  if (!source) {
    play.demoError = `No affordance program for the ${familyOf(demo.task)} family yet: synthesise or write one first.`;
    return;
  }
  play.demoError = '';
  play.coverageInfo = 'Running the program on every recorded frame…';
  const r = await webnavTrainWorker().coverage(demo, source);
  if (!r.ok) {
    play.coverageInfo = '';
    play.demoError = r.error.message;
    return;
  }
  play.coverage = r.value;
  play.coverageInfo = coverageLine(r.value);
}
