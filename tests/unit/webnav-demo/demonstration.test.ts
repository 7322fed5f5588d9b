// Human demonstrations in Node: an episode played (here by the test's scripted player, standing in for a
// person) is recorded, exported as JSON, imported back, replayed frame by frame, and checked against an
// affordance program step by step; bad files are refused with errors that say what and where.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeEnv } from '../../../src/webnav/tasks/index';
import type { Action } from '../../../src/webnav/env/types';
import { decodeFrame, encodeFrame, MAX_DEMO_BYTES, parseDemo, replayDemo } from '../../../src/webnav/demo/demonstration';
import { demoCoverage } from '../../../src/webnav/demo/coverage';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { synthesise } from '../../../src/webnav/affordance/synthesiser';
import { recordEpisode } from './record';

const record = (task: string, seed: number, script: Action[] = []) => recordEpisode(task, seed, script, 20);

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
}, 60_000);
afterAll(() => sandbox?.dispose());

describe('recording and replay', () => {
  test('frames round-trip exactly and compress the flat screens', () => {
    const { pixels } = makeEnv('login-user').reset(3);
    const data = encodeFrame(pixels);
    expect(decodeFrame(data)).toEqual(pixels);
    expect(data.length).toBeLessThan(pixels.length / 4);
  });

  test('enter-text played to the end: exported, imported, replayed to the same frames and reward', () => {
    const demo = record('enter-text', 2);
    expect(demo.steps.map((s) => s.action.type)).toEqual(['click', 'type', 'click']);
    expect(demo.end).toMatchObject({ reward: 1, reason: 'success' });
    const back = parseDemo(JSON.stringify(demo), 'enter-text.json');
    expect(back).toEqual(demo);
    expect(replayDemo(back)).toEqual({ matches: true, firstMismatch: null, reward: 1, reason: 'success' });
  });

  test('a recording that the environment does not reproduce is caught at the first differing step', () => {
    const demo = record('click-button', 4);
    const other = record('click-button', 5);
    const tampered = { ...demo, steps: [{ ...demo.steps[0], frame: other.steps[0].frame }] };
    expect(replayDemo(tampered)).toMatchObject({ matches: false, firstMismatch: 0 });
  });
});

describe('importing untrusted files', () => {
  const good = () =>
    JSON.parse(JSON.stringify(record('click-button', 1))) as Record<string, unknown> & { steps: Record<string, unknown>[] };
  const bad: [string, () => string, RegExp][] = [
    ['over the size cap', () => ' '.repeat(MAX_DEMO_BYTES + 1), /demo\.json: .*MB is over the 4 MB limit/],
    ['not JSON', () => '{"format": ', /demo\.json: not JSON/],
    ['an array', () => '[]', /demo\.json: expected a JSON object/],
    [
      'another format',
      () => JSON.stringify({ ...good(), format: 'har' }),
      /demo\.json: format: expected "webnav-demonstration", got "har"/,
    ],
    ['an unknown task', () => JSON.stringify({ ...good(), task: 'click-nothing' }), /demo\.json: task: unknown task "click-nothing"/],
    ['a negative seed', () => JSON.stringify({ ...good(), seed: -1 }), /demo\.json: seed: expected a whole number ≥ 0, got -1/],
    [
      'an off-screen click',
      () => {
        const d = good();
        d.steps[0].action = { type: 'click', x: 500, y: 3 };
        return JSON.stringify(d);
      },
      /demo\.json: steps\[0\]\.action: click \(500, 3\) is outside the 160×210 screen/,
    ],
    [
      'an unknown action type',
      () => {
        const d = good();
        d.steps[0].action = { type: 'eval', code: 'x' };
        return JSON.stringify(d);
      },
      /demo\.json: steps\[0\]\.action: unknown type "eval"/,
    ],
    [
      'a frame cut short',
      () => {
        const d = good();
        d.steps[0].frame = (d.steps[0].frame as string).slice(0, 40);
        return JSON.stringify(d);
      },
      /demo\.json: steps\[0\]\.frame: frame data has \d+ pixels; a screen has 33600/,
    ],
    [
      'a frame that is not base64',
      () => {
        const d = good();
        d.steps[0].frame = '%%%';
        return JSON.stringify(d);
      },
      /demo\.json: steps\[0\]\.frame: frame data is not base64/,
    ],
    [
      'more steps than the limit',
      () => JSON.stringify({ ...good(), maxSteps: 1, steps: [...good().steps, ...good().steps] }),
      /demo\.json: steps: 2 steps, more than maxSteps \(1\)/,
    ],
    [
      'a reward out of range',
      () => JSON.stringify({ ...good(), end: { ...(good().end as object), reward: 7 } }),
      /end\.reward: expected a number in \[-1, 1\], got 7/,
    ],
  ];
  test.each(bad)('%s is refused with a clear error', (_what, text, message) => {
    expect(() => parseDemo(text(), 'demo.json')).toThrow(message);
  });
});

describe('coverage: does the program offer what the person did?', () => {
  test('click-button: every step of a solved episode is covered; a click on the bare page is inert and not counted', async () => {
    const program = (await synthesise(sandbox, 'click-button', { seeds: [1, 2, 3] })).program!;
    const solved = await demoCoverage(record('click-button', 7), program.source, sandbox);
    expect(solved).toMatchObject({ covered: 1, total: 1, inert: 0, rate: 1 });
    // The person first clicks the empty bottom-left corner (nothing happens), then solves it.
    const wandering = await demoCoverage(record('click-button', 7, [{ type: 'click', x: 2, y: 207 }]), program.source, sandbox);
    expect(wandering.steps.map((s) => [s.inert, s.covered])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(wandering).toMatchObject({ covered: 1, total: 1, inert: 1, rate: 1 });
  });

  test("enter-text: the person's click that only focuses the field is not among the program's actions (its macro clicks and types at once); the typing and Submit are", async () => {
    const program = (await synthesise(sandbox, 'enter-text', { seeds: [1, 2, 3] })).program!;
    const r = await demoCoverage(record('enter-text', 2), program.source, sandbox);
    expect(r.steps.map((s) => `${s.action.type}:${s.covered}`)).toEqual(['click:false', 'type:true', 'click:true']);
    expect(r.steps[0].programActions).toBeGreaterThanOrEqual(2);
    expect(r.rate).toBeCloseTo(2 / 3);
  });

  test('a click on another pixel of the right button counts as the same action', async () => {
    const program = (await synthesise(sandbox, 'click-button', { seeds: [1, 2, 3] })).program!;
    const env = makeEnv('click-button');
    env.reset(9);
    const target = env.debugScene().elements.find((e) => e.kind === 'button' && e.text === env.debugScene().fields.target)!;
    const offCentre: Action = { type: 'click', x: target.left + 2, y: target.top + 2 };
    const r = await demoCoverage(record('click-button', 9, [offCentre]), program.source, sandbox);
    expect(r.rate).toBe(1);
  });

  test('a program that throws covers nothing and says why', async () => {
    const r = await demoCoverage(record('click-button', 2), 'function affordances() { throw new Error("nope"); }', sandbox);
    expect(r.rate).toBe(0);
    expect(r.steps[0].error).toMatch(/runtime error: Error: nope/);
  });
});
