/**
 * TrainAgent (→ curve Plot, success Number): trains the Web-nav tab's DQN agent (src/webnav/agent/train.ts,
 * the CoGA experiment's `trainArm`) on one task, over the affordance-masked action space or the full one
 * (every cell of a 16×21 grid, each quoted phrase typed, Enter), and returns greedy success on held-out seeds
 * against environment steps. The affordance arm uses the program on the optional `program` input, else the
 * offline synthesiser's smallest verified program for the task; programs run only in the sandbox worker.
 * The plot also carries a flat "random policy" line: a uniformly random choice over the same action space,
 * measured on the same evaluation seeds (the baseline the learning curve should beat).
 *
 * Example program:
 *   agent = TrainAgent(task="click-button", arm="affordance", steps=200, seed=1)
 *   chart = PlotToImage()
 *   label = FormatNumber(digits=2, prefix="final success ")
 *   agent.curve -> chart.plot
 *   agent.success -> label.value
 */
import { TASK_NAMES, formatSandboxError, trainWithProgram, type Arm } from '../../../webnav';
import { registerFunction, paramOf } from '../registry';
import type { FunctionDef, ValueOf } from '../../lang/types';
import { PortError } from '../image/pixels';
import { rlSandbox, synthesisedProgram } from './sandbox';

export const trainAgent: FunctionDef = {
  name: 'TrainAgent',
  category: 'rl',
  doc: 'Trains the DQN web-navigation agent on a task over the affordance-masked or the full action space; outputs greedy success on held-out seeds against environment steps (with a random-policy line) and the final success rate.',
  inputs: [
    {
      name: 'program',
      type: 'Text',
      optional: true,
      doc: 'an affordance program (JavaScript) for arm "affordance"; default: the synthesised one',
    },
  ],
  outputs: [
    { name: 'curve', type: 'Plot', doc: 'success rate (0–1) against environment steps' },
    { name: 'success', type: 'Number', doc: 'success rate at the last evaluation point' },
  ],
  params: [
    { name: 'task', type: 'choice', choices: [...TASK_NAMES], default: 'click-button' },
    {
      name: 'arm',
      type: 'choice',
      choices: ['affordance', 'full'],
      default: 'affordance',
      doc: "the action space: the affordance program's actions, or all 338 grid clicks, typings and Enter",
    },
    { name: 'steps', type: 'number', integer: true, min: 10, max: 5000, default: 200, doc: 'training budget in environment steps' },
    { name: 'seed', type: 'number', integer: true, min: 0, max: 99999, default: 1 },
    { name: 'episodes', type: 'number', integer: true, min: 1, max: 100, default: 20, doc: 'greedy evaluation episodes per curve point' },
  ],
  example:
    'agent = TrainAgent(task="click-button", arm="affordance", steps=200, seed=1)\nchart = PlotToImage()\nlabel = FormatNumber(digits=2, prefix="final success ")\nagent.curve -> chart.plot\nagent.success -> label.value',
  async run(inputs, params, ctx) {
    const task = paramOf(params, 'task', 'string');
    const arm = paramOf(params, 'arm', 'string') as Arm;
    const steps = paramOf(params, 'steps', 'number'),
      seed = paramOf(params, 'seed', 'number'),
      episodes = paramOf(params, 'episodes', 'number');
    const given = inputs.program;
    if (given && given.type !== 'Text')
      throw new PortError(`input "program" must be Text (an affordance program), got ${given.type}`, 'program');

    let source: string | undefined;
    let origin = given ? 'the full action space (this arm does not use the connected program)' : 'the full action space';
    if (arm === 'affordance') {
      if (given) {
        source = given.text;
        origin = 'the connected program';
      } else {
        ctx.progress(0, `synthesising an affordance program for ${task}`);
        const p = await synthesisedProgram(task, ctx.signal);
        source = p.source;
        origin = `the synthesised program (${p.clauses.join(' + ')})`;
      }
    }

    let reached = 0;
    const { result: r, random } = await trainWithProgram(
      {
        task,
        arm,
        seed,
        steps,
        source,
        onProgramError: (e) => {
          throw new PortError(`the affordance program failed on ${task}: ${formatSandboxError(e)}`, 'program');
        },
        randomBaseline: true,
        evalEpisodes: episodes,
        signal: ctx.signal,
        // Training is synchronous between sandbox calls: yield now and then so a cancel message gets through.
        yieldEvery: 5,
        onStep: (v) => {
          reached = v.step;
          if (v.step % 10 === 0) ctx.progress(v.step / steps, `${arm} arm, step ${v.step}/${steps}`);
        },
        onEval: (p) => ctx.progress(p.step / steps, `${arm} arm, step ${p.step}/${steps}: greedy success ${p.success.toFixed(2)}`),
      },
      arm === 'affordance' ? await rlSandbox() : null,
    );
    if (ctx.signal.aborted) throw new Error(`TrainAgent cancelled at step ${reached} of ${steps} (task ${task}, ${arm} arm)`);

    const x = r.curve.map((p) => p.step);
    const curve: ValueOf<'Plot'> = {
      type: 'Plot',
      title: `${task}: ${arm} arm, seed ${seed}`,
      kind: 'line',
      series: [
        { name: `${arm} (greedy success)`, x, y: r.curve.map((p) => p.success) },
        { name: 'random policy', x, y: x.map(() => random!) },
      ],
    };
    const fallback = r.fallbackSteps ? `; ${r.fallbackSteps} steps fell back to the full space (the program returned nothing)` : '';
    ctx.progress(
      1,
      `${r.episodes} episodes over ${origin}; final success ${r.finalSuccess.toFixed(2)} vs random ${random!.toFixed(2)}${fallback}`,
    );
    return { curve, success: { type: 'Number', value: r.finalSuccess } };
  },
};

registerFunction(trainAgent);
