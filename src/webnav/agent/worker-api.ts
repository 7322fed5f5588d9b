/**
 * The methods of `workers/webnav-train.worker.ts` (training, synthesis, verification and running affordance
 * programs for the tab), framework-free so the worker file stays a thin comlink wrapper. Generated code
 * never runs here: this worker owns an `AffordanceSandbox` (a nested sandbox worker) and sends programs to it.
 *
 * Example (in the page, through comlink):
 *   const api = webnavTrainWorker();
 *   const r = await api.synthesise('click-button');              // Outcome<SynthesisSummary>
 *   await api.train({ task, steps: 300, source }, Comlink.proxy((ev) => …));
 */
import { outcome, type Outcome } from '../../worker/outcome';
import { getTask, makeEnv } from '../tasks/index';
import { transferTable, type TransferRow } from '../experiment/coga';
import { trainWithProgram } from '../experiment/train-program';
import { demoCoverage, type CoverageReport } from '../demo/coverage';
import type { Demonstration } from '../demo/demonstration';
import type { Action, Observation } from '../env/types';
import type { AffordanceSandbox } from '../affordance/sandbox';
import { formatSandboxError, type SandboxError } from '../affordance/program';
import { synthesise } from '../affordance/synthesiser';
import { verifyProgram, type VerifyReport } from '../affordance/verify';
import { DEFAULT_DQN } from './dqn';
import { evalSchedule, type Arm, type CurvePoint, type TrainResult } from './train';
import { openAiCompatible } from '../../llm/openai';
import { generateWithLlm } from '../affordance/llm-generator';
import type { ChatMessage } from '../../llm/types';

export interface SynthesisSummary {
  source: string | null;
  clauses: string[];
  size: number;
  tried: number;
  report: VerifyReport | null;
  rejected: { program: string; reason: string }[];
}

export interface ProgramRun {
  actions: Action[];
  error: SandboxError | null;
  errorText: string | null;
}

export interface TrainRequest {
  task: string;
  steps: number;
  seed: number;
  /** The affordance program for the affordance arm. */
  source: string;
  evalEpisodes: number;
}

export interface LlmSummary {
  source: string | null;
  verified: boolean;
  repairs: number;
  failures: string[];
  transcript: ChatMessage[];
  error: string | null;
}

export type TrainEvent =
  | { type: 'eval'; arm: Arm; point: CurvePoint }
  | {
      type: 'frame';
      arm: Arm;
      step: number;
      pixels: Uint8ClampedArray;
      utterance: string;
      candidates: Action[];
      action: Action;
      reward: number;
    }
  | { type: 'done'; arm: Arm; result: TrainResult }
  | { type: 'random'; arm: Arm; success: number };

export function webnavTrainApi(makeSandbox: () => AffordanceSandbox) {
  let sandbox: AffordanceSandbox | undefined;
  const sb = () => (sandbox ??= makeSandbox());
  let controller: AbortController | undefined;

  return {
    async synthesise(task: string, seeds: number[] = [1, 2, 3, 4, 5]): Promise<Outcome<SynthesisSummary>> {
      return outcome(async () => {
        const r = await synthesise(sb(), task, { seeds });
        return {
          source: r.program?.source ?? null,
          clauses: r.clauses,
          size: r.size,
          tried: r.tried,
          report: r.report,
          rejected: r.rejected,
        };
      });
    },

    async verify(source: string, task: string, seeds: number[] = [1, 2, 3, 4, 5]): Promise<Outcome<VerifyReport>> {
      return outcome(() => verifyProgram(sb(), source, task, seeds));
    },

    /** The CoGA prompting pipeline against an OpenAI-compatible endpoint (the key goes only to that endpoint). */
    async generateWithLlm(task: string, endpoint: { baseUrl: string; apiKey: string; model: string }): Promise<Outcome<LlmSummary>> {
      return outcome(async () => {
        const llm = openAiCompatible(endpoint);
        const r = await generateWithLlm(llm, sb(), task);
        return {
          source: r.program?.source ?? null,
          verified: r.report?.ok ?? false,
          repairs: r.repairs,
          failures: r.report?.failures ?? [],
          transcript: r.transcript,
          error: r.error ?? null,
        };
      });
    },

    /** Runs a program on a screen: the frame the tab shows (its overlay), or the first screen of `task` at a seed. */
    async runProgram(source: string, screen: Observation | { task: string; seed: number }): Promise<Outcome<ProgramRun>> {
      return outcome(async () => {
        const obs = 'pixels' in screen ? screen : makeEnv(screen.task).reset(screen.seed);
        const [r] = await sb().run(source, [obs]);
        return r.ok
          ? { actions: r.actions, error: null, errorText: null }
          : { actions: [], error: r.error, errorText: formatSandboxError(r.error) };
      });
    },

    /** For each step of a person's demonstration: was their action among the program's actions on that frame? */
    async coverage(demo: Demonstration, source: string): Promise<Outcome<CoverageReport>> {
      return outcome(() => demoCoverage(demo, source, sb()));
    },

    /** The program on every task of `task`'s family (bench:rl's transfer table, for one program). */
    async transfer(task: string, source: string, seeds: number[] = [101, 102, 103, 104, 105]): Promise<Outcome<TransferRow[]>> {
      return outcome(() =>
        transferTable(
          sb(),
          new Map([
            [getTask(task).family, { program: { name: `tab:${task}`, family: getTask(task).family, origin: 'user' as const, source } }],
          ]),
          seeds,
        ),
      );
    },

    /** Trains both arms one after the other (same agent, same hyper-parameters), reporting as it goes. */
    async train(req: TrainRequest, onEvent: (ev: TrainEvent) => void): Promise<Outcome<{ full: TrainResult; affordance: TrainResult }>> {
      controller?.abort();
      const ctl = (controller = new AbortController());
      return outcome(async () => {
        const evalAt = evalSchedule(req.steps);
        // In the tab a failing program stops training with its error (bench:rl lets the full space stand in).
        const failed = (e: SandboxError) => {
          throw new Error(`the affordance program failed during training: ${formatSandboxError(e)}`);
        };
        let lastFrame = 0;
        const run = async (arm: Arm) => {
          const { result } = await trainWithProgram(
            {
              task: req.task,
              arm,
              seed: req.seed,
              steps: req.steps,
              source: req.source,
              onProgramError: failed,
              randomBaseline: arm === 'affordance',
              onRandom: (success) => onEvent({ type: 'random', arm, success }),
              config: DEFAULT_DQN,
              evalEpisodes: req.evalEpisodes,
              evalAt,
              signal: ctl.signal,
              yieldEvery: 5,
              onEval: (point) => onEvent({ type: 'eval', arm, point }),
              onStep: (v) => {
                // The live view: at most ~8 frames a second cross to the page.
                const now = performance.now();
                if (now - lastFrame < 120) return;
                lastFrame = now;
                onEvent({
                  type: 'frame',
                  arm,
                  step: v.step,
                  pixels: v.observation.pixels,
                  utterance: v.observation.utterance,
                  candidates: arm === 'full' ? [] : v.candidates,
                  action: v.action,
                  reward: v.reward,
                });
              },
            },
            sb(),
          );
          return result;
        };
        const cancelled = () => new Error('training cancelled');
        const affordance = await run('affordance');
        if (ctl.signal.aborted) throw cancelled();
        onEvent({ type: 'done', arm: 'affordance', result: affordance });
        const full = await run('full');
        if (ctl.signal.aborted) throw cancelled();
        onEvent({ type: 'done', arm: 'full', result: full });
        return { full, affordance };
      });
    },

    cancel(): void {
      controller?.abort();
    },
  };
}

export type WebnavTrainApi = ReturnType<typeof webnavTrainApi>;
