/**
 * The training panel's state and actions, at module level: a run keeps going, and its curves and tables stay,
 * while the visitor looks at another tab. Training runs in the training worker (`trainWithProgram` there);
 * events update the view through `applyTrainEvent` (tab-logic.ts, tested in Node).
 *
 * Example:
 *   training.form.steps = 300;
 *   await startTraining('click-button');   // training.view.curves fill in as evaluation points arrive
 *   await cancelTraining();
 */
import { getTask } from '../tasks/index';
import { webnavTrainWorker, Comlink } from '../agent/train-client';
import type { TrainEvent } from '../agent/worker-api';
import { programs } from '../affordance/store.svelte';
import { summariseArm, type ArmSummary, type TransferRow } from '../experiment/coga';
import { applyTrainEvent, checkTrainForm, emptyTrainingView, seedList, type TrainForm, type TrainingView } from './tab-logic';

class TrainingState {
  form = $state<TrainForm>({ steps: 300, evalEpisodes: 10, seeds: 1, seedBase: 0 });
  /** The task and budget of the run shown. */
  task = $state('');
  steps = $state(300);
  view = $state.raw<TrainingView>(emptyTrainingView());
  summary = $state.raw<{ full: ArmSummary; affordance: ArmSummary; seeds: number[] } | null>(null);
  transfer = $state.raw<TransferRow[]>([]);
  running = $state(false);
  error = $state('');
}

export const training = new TrainingState();

export async function startTraining(task: string): Promise<void> {
  if (training.running) return;
  const form = { ...training.form };
  training.error = checkTrainForm(form) ?? '';
  if (training.error) return;
  training.task = task;
  training.steps = form.steps;
  training.summary = null;
  training.transfer = [];
  training.view = emptyTrainingView();
  training.running = true;
  try {
    const worker = webnavTrainWorker();
    const family = getTask(task).family;
    let source = programs.get(family)?.source;
    if (!source) {
      training.view = { ...training.view, status: `No affordance program for ${family} yet: synthesising one…` };
      const s = await worker.synthesise(task);
      if (!s.ok || !s.value.source) {
        training.error = s.ok ? `No program verified on ${task}; write one in the affordance panel.` : s.error.message;
        return;
      }
      source = s.value.source;
      programs.set(family, source, 'synthesiser');
    }
    const seeds = seedList(form.seedBase, form.seeds);
    const onEvent = (ev: TrainEvent) => (training.view = applyTrainEvent(training.view, ev, form.steps));
    for (const seed of seeds) {
      // Each seed's curves start afresh; the finished runs accumulate for the summary.
      training.view = { ...training.view, curves: { affordance: [], full: [] }, status: `Starting seed ${seed}…` };
      const r = await worker.train({ task, steps: form.steps, seed, source, evalEpisodes: form.evalEpisodes }, Comlink.proxy(onEvent));
      if (!r.ok) {
        training.error = r.error.message;
        return;
      }
    }
    const { runs } = training.view;
    training.summary = { full: summariseArm(runs.full, form.steps), affordance: summariseArm(runs.affordance, form.steps), seeds };
    const t = await worker.transfer(task, source);
    training.transfer = t.ok ? t.value : [];
    if (!t.ok) training.error = t.error.message;
    training.view = { ...training.view, status: `Done: ${form.steps} steps per arm, seeds ${seeds.join(', ')}.` };
  } finally {
    training.running = false;
  }
}

export async function cancelTraining(): Promise<void> {
  await webnavTrainWorker().cancel();
  training.view = { ...training.view, status: 'Cancelling…' };
}
