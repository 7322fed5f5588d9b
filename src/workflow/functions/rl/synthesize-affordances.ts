/**
 * SynthesizeAffordances (→ program Text): the Web-nav offline synthesiser (src/webnav/affordance/synthesiser.ts)
 * as a workflow function: the smallest program of its DSL that verifies on five sample screens of the task,
 * as JavaScript source with a comment naming its clauses. Candidates run only in the sandbox worker.
 * A clear error for tasks the DSL cannot solve (login-user, use-slider, enter-password).
 *
 * Example program:
 *   afford = SynthesizeAffordances(task="click-link")
 *   agent = TrainAgent(task="click-link", arm="affordance", steps=200)
 *   afford.program -> agent.program
 */
import { TASK_NAMES } from '../../../webnav';
import { registerFunction, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { synthesisedProgram } from './sandbox';

export const synthesizeAffordances: FunctionDef = {
  name: 'SynthesizeAffordances',
  category: 'rl',
  doc: 'Synthesises a verified affordance program (JavaScript over the perception library) for a web-navigation task: the few actions worth trying on each screen.',
  inputs: [],
  outputs: [{ name: 'program', type: 'Text', doc: 'the program source: function affordances(screen, utterance, lib) { … }' }],
  params: [{ name: 'task', type: 'choice', choices: [...TASK_NAMES], default: 'click-button' }],
  example:
    'afford = SynthesizeAffordances(task="click-link")\nagent = TrainAgent(task="click-link", arm="affordance", steps=200)\nafford.program -> agent.program',
  async run(_inputs, params, ctx) {
    const task = paramOf(params, 'task', 'string');
    ctx.progress(0, `synthesising an affordance program for ${task}`);
    const p = await synthesisedProgram(task, ctx.signal);
    ctx.progress(1, `verified after ${p.tried} candidates: ${p.clauses.join(' + ')} (size ${p.size})`);
    return { program: { type: 'Text', text: `// synthesised for ${task}: ${p.clauses.join(' + ')} (size ${p.size})\n${p.source}` } };
  },
};

registerFunction(synthesizeAffordances);
