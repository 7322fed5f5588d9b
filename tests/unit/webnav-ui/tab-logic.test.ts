// The Web navigation tab's logic in Node: the log line of a step, the overlay boxes, the training form's
// checks, and how training events build the panel's view (curves, live frame, results, runs for the summary).
import { describe, expect, test } from 'vitest';
import {
  applyTrainEvent,
  checkTrainForm,
  coverageLine,
  demoFileName,
  emptyTrainingView,
  overlayBoxes,
  seedList,
  stepLine,
} from '../../../src/webnav/ui/tab-logic';
import type { TrainResult } from '../../../src/webnav/agent/train';
import { makeEnv } from '../../../src/webnav/tasks/index';
import { readText } from '../../../src/webnav/perception';

describe('playing', () => {
  test('a step is logged with its action, reward and ending', () => {
    expect(stepLine({ type: 'click', x: 3, y: 60 }, { reward: 0, info: { steps: 1 } })).toBe('click(3, 60) → reward 0.00');
    expect(stepLine({ type: 'type', text: 'kira' }, { reward: 0.8, info: { steps: 2, reason: 'success' } })).toBe(
      'type("kira") → reward 0.80 (success)',
    );
  });

  test('overlay boxes: the debug scene and the text read from pixels, each only when asked for', () => {
    const env = makeEnv('click-button');
    const obs = env.reset(5);
    const scene = env.debugScene();
    const reading = readText(obs);
    expect(overlayBoxes(scene, reading, false, false)).toEqual([]);
    const both = overlayBoxes(scene, reading, true, true);
    expect(both).toHaveLength(scene.elements.length + reading.length);
    const button = scene.elements.find((e) => e.kind === 'button')!;
    expect(both).toContainEqual({ x: button.left, y: button.top, w: button.width, h: button.height, label: 'button' });
    expect(overlayBoxes(scene, reading, false, true).map((b) => b.label)).toEqual(reading.map((r) => r.text));
  });
});

describe('training form and events', () => {
  const ok = { steps: 300, evalEpisodes: 10, seeds: 2, seedBase: 40 };
  test('the form is checked field by field', () => {
    expect(checkTrainForm(ok)).toBeNull();
    expect(checkTrainForm({ ...ok, steps: 5 })).toMatch(/Steps must be a whole number from 20 to 20000, got "5"/);
    expect(checkTrainForm({ ...ok, evalEpisodes: 0.5 })).toMatch(/Evaluation episodes .* got "0.5"/);
    expect(checkTrainForm({ ...ok, seeds: 11 })).toMatch(/Seeds must be .* got "11" and "40"/);
    expect(checkTrainForm({ ...ok, seedBase: -1 })).toMatch(/seed base/);
    expect(seedList(40, 2)).toEqual([41, 42]);
  });

  test('events build the view without changing the one before', () => {
    const v0 = emptyTrainingView();
    const v1 = applyTrainEvent(v0, { type: 'random', arm: 'affordance', success: 0.25 }, 300);
    const v2 = applyTrainEvent(v1, { type: 'eval', arm: 'affordance', point: { step: 10, success: 0.5 } }, 300);
    const v3 = applyTrainEvent(
      v2,
      {
        type: 'frame',
        arm: 'full',
        step: 7,
        pixels: new Uint8ClampedArray(4),
        utterance: 'u',
        candidates: [],
        action: { type: 'key', name: 'Enter' },
        reward: 0,
      },
      300,
    );
    const result = { stepsTo90: 50, finalSuccess: 0.95 } as TrainResult;
    const v4 = applyTrainEvent(v3, { type: 'done', arm: 'affordance', result }, 300);
    expect(v0).toEqual(emptyTrainingView());
    expect(v1.randomSuccess).toBe(0.25);
    expect(v2.curves).toEqual({ affordance: [{ step: 10, success: 0.5 }], full: [] });
    expect(v3.status).toBe('Training the full-action-space arm: step 7 of 300');
    expect(v3.live).toMatchObject({ arm: 'full', step: 7 });
    expect(v4.results.affordance).toEqual({ stepsTo90: 50, finalSuccess: 0.95 });
    expect(v4.runs.affordance).toEqual([result]);
    expect(v4.curves).toBe(v3.curves);
  });
});

test('demonstration texts', () => {
  expect(coverageLine({ task: 't', steps: [], covered: 2, total: 3, inert: 1, rate: 2 / 3 })).toBe(
    '2 of 3 steps covered by the program: 67 % (1 inert step not counted)',
  );
  expect(demoFileName({ task: 'click-button', seed: 5 })).toBe('webnav-demo-click-button-seed5.json');
});
