// The RL trainer as workflow functions: registered, the example program checks, a real short training run
// through the executor gives a sane learning curve that beats the random policy, and cancel stops it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyse, parse, print, type ValueOf } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { setRlSandbox } from '../../../src/workflow/functions/rl/sandbox';
import { runProgram } from '../../../src/workflow/runtime/executor';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { TASK_NAMES } from '../../../src/webnav/tasks/index';
import { standaloneContext } from '../../../src/workflow/functions/registry';

const EXAMPLE = readFileSync(new URL('../../../examples/workflows/train-agent.alang', import.meta.url), 'utf8');

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
  setRlSandbox(async () => sandbox);
}, 60_000);
afterAll(() => {
  setRlSandbox(undefined);
  sandbox?.dispose();
});

const run = (text: string, signal?: AbortSignal) => {
  const { program, diagnostics } = analyse(text, getRegistry());
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runProgram(program, { functions: (fn) => getRegistry().get(fn), signal });
};

describe('TrainAgent and SynthesizeAffordances', () => {
  test('are registered with the task and arm choices, and the example program checks clean', () => {
    const train = getRegistry().get('TrainAgent')!;
    expect(train.category).toBe('rl');
    expect(train.outputs.map((o) => `${o.name}:${o.type}`)).toEqual(['curve:Plot', 'success:Number']);
    const task = train.params.find((p) => p.name === 'task')!;
    expect(task.type === 'choice' && task.choices).toEqual([...TASK_NAMES]);
    const arm = train.params.find((p) => p.name === 'arm')!;
    expect(arm.type === 'choice' && arm.choices).toEqual(['affordance', 'full']);
    expect(getRegistry().get('SynthesizeAffordances')?.outputs[0].type).toBe('Text');
    expect(analyse(EXAMPLE, getRegistry()).diagnostics).toEqual([]);
    expect(print(parse(EXAMPLE).program)).toBe(EXAMPLE);
  });

  test('the checker locates a bad arm and steps out of range', () => {
    const d = analyse('a = TrainAgent(task="click-button", arm="greedy", steps=3)', getRegistry()).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.severity} ${x.node}`)).toEqual(['1:37 error a', '1:51 error a']);
    expect(d[0].message).toMatch(/greedy/);
    expect(d[1].message).toMatch(/3/);
  });

  test('click-button, affordance arm, 150 steps: success in [0,1] at growing steps, and above the random policy', async () => {
    const r = await run(
      'afford = SynthesizeAffordances(task="click-button")\nagent = TrainAgent(task="click-button", arm="affordance", steps=150, seed=1, episodes=10)\nafford.program -> agent.program\n',
    );
    expect(r.errors).toEqual([]);
    const program = r.outputs.get('afford')!.program as ValueOf<'Text'>;
    expect(program.text).toMatch(/function affordances\(screen, utterance, lib\)/);
    const curve = r.outputs.get('agent')!.curve as ValueOf<'Plot'>;
    const success = (r.outputs.get('agent')!.success as ValueOf<'Number'>).value;
    const [learned, random] = curve.series;
    expect(curve.kind).toBe('line');
    expect(learned.x).toEqual([10, 25, 50, 100, 150]);
    for (const y of [...learned.y, ...random.y]) expect(y >= 0 && y <= 1).toBe(true);
    expect(success).toBe(learned.y.at(-1));
    console.log({ curve: learned.y, random: random.y[0] });
    expect(success).toBeGreaterThanOrEqual(random.y[0] + 0.3);
  }, 60_000);

  test('the full arm needs no sandbox program and returns the same shape', async () => {
    const r = await run('agent = TrainAgent(task="click-button", arm="full", steps=25, seed=2, episodes=5)\n');
    expect(r.errors).toEqual([]);
    const curve = r.outputs.get('agent')!.curve as ValueOf<'Plot'>;
    expect(curve.series[0].x).toEqual([10, 25]);
    expect((r.outputs.get('agent')!.success as ValueOf<'Number'>).value).toBe(curve.series[0].y[1]);
  }, 30_000);

  test('an aborted signal stops training with a clear error', async () => {
    const def = getRegistry().get('TrainAgent')!;
    const ctl = new AbortController();
    const progress: number[] = [];
    const pending = def.run(
      {},
      { task: 'click-button', arm: 'full', steps: 5000, episodes: 2 },
      standaloneContext({
        signal: ctl.signal,
        progress: (f) => {
          progress.push(f);
          if (f >= 0.004) ctl.abort();
        },
      }),
    );
    await expect(pending).rejects.toThrow(/TrainAgent cancelled at step (1|2)\d of 5000 \(task click-button, full arm\)/);
    expect(Math.max(...progress)).toBeLessThan(0.1);
  }, 30_000);

  test('a program that throws is reported on the program port with its line', async () => {
    const def = getRegistry().get('TrainAgent')!;
    const bad = 'function affordances(screen, utterance, lib) {\n  return lib.nothing();\n}\n';
    await expect(
      def.run(
        { program: { type: 'Text', text: bad } },
        { task: 'click-button', arm: 'affordance', steps: 10, episodes: 1 },
        standaloneContext(),
      ),
    ).rejects.toMatchObject({ port: 'program', message: expect.stringMatching(/affordance\.js:2:\d+: runtime error/) });
  }, 30_000);
});
