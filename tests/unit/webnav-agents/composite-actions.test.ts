// Composite actions: a drag moves a slider, a macro (click a field, then type) is one step, and the host's
// validator takes them only in their strict shape (on-screen points, known keys, bounded macros, no nesting).
import { describe, expect, test } from 'vitest';
import { makeEnv } from '../../../src/webnav';
import { checkActions, describeAction } from '../../../src/webnav/affordance/program';
import { actionHelpers } from '../../../src/webnav/affordance/lib';
import { featuresOf, observationContext, remember, newMemory, FEATURE_DIM } from '../../../src/webnav/agent/features';
import { readTextFromPixels } from '../../../src/webnav/affordance/lib';

describe('environment', () => {
  test('a drag on the slider takes its value at the drag end; Submit then succeeds', () => {
    const env = makeEnv('use-slider');
    env.reset(16);
    const scene = env.debugScene();
    const slider = scene.elements.find((e) => e.kind === 'slider')!;
    const target = Number(scene.fields.target);
    const max = Number(slider.tags.max);
    const y = slider.top + 5;
    const x2 = slider.left + Math.round((target / max) * (slider.width - 1));
    const r = env.step({ type: 'drag', x: slider.left + 1, y, x2, y2: y });
    expect(r.terminated).toBe(false);
    expect(env.debugScene().elements.find((e) => e.kind === 'slider')!.value).toBe(String(target));
    const submit = env.debugScene().elements.find((e) => e.kind === 'button')!;
    expect(env.step({ type: 'click', x: submit.left + 3, y: submit.top + 3 }).reward).toBe(1);
  });

  test('a macro is one step: click the field, type, and the task sees each part', () => {
    const env = makeEnv('enter-text');
    env.reset(3);
    const scene = env.debugScene();
    const input = scene.elements.find((e) => e.kind === 'input')!;
    const text = Object.values(scene.fields)[0];
    const r = env.step({
      type: 'macro',
      actions: [
        { type: 'click', x: input.left + 5, y: input.top + 5 },
        { type: 'type', text },
      ],
    });
    expect(r.info.steps).toBe(1);
    expect(env.debugScene().elements.find((e) => e.kind === 'input')!.value).toBe(text);
    const submit = env.debugScene().elements.find((e) => e.kind === 'button')!;
    // The episode ends inside a macro: what follows is not applied, and the step ends it.
    const end = env.step({
      type: 'macro',
      actions: [
        { type: 'click', x: submit.left + 3, y: submit.top + 3 },
        { type: 'type', text: 'late' },
      ],
    });
    expect(end.terminated).toBe(true);
    expect(end.reward).toBe(1);
  });

  test('malformed composite actions are refused with a message', () => {
    const env = makeEnv('enter-text');
    env.reset(1);
    const five = Array.from({ length: 5 }, () => ({ type: 'key' as const, name: 'Tab' }));
    expect(() => env.step({ type: 'macro', actions: five })).toThrow(/a macro needs 1–4 actions, got 5/);
    expect(() => env.step({ type: 'macro', actions: [{ type: 'macro', actions: [] }] as never })).toThrow(/macros cannot nest/);
    expect(() => env.step({ type: 'drag', x: 1, y: 1, x2: NaN, y2: 3 })).toThrow(/drag needs finite/);
  });
});

describe('the host validator', () => {
  test('accepts drags and macros of primitives, de-duplicated', () => {
    const drag = actionHelpers.drag(10, 60, 50.4, 60);
    const macro = actionHelpers.clickType({ x: 10, y: 80, w: 90, h: 15 }, 'kira');
    expect(checkActions([drag, macro, macro, actionHelpers.macro([actionHelpers.key('Tab'), actionHelpers.type('x')])])).toEqual([
      { type: 'drag', x: 10, y: 60, x2: 50, y2: 60 },
      {
        type: 'macro',
        actions: [
          { type: 'click', x: 55, y: 88 },
          { type: 'type', text: 'kira' },
        ],
      },
      {
        type: 'macro',
        actions: [
          { type: 'key', name: 'Tab' },
          { type: 'type', text: 'x' },
        ],
      },
    ]);
    expect(describeAction(macro)).toBe('click(55, 88) then type("kira")');
  });

  test('refuses off-screen points, long or nested macros, unknown keys, long text and extra tricks', () => {
    const bad: [unknown, RegExp][] = [
      [{ type: 'drag', x: 10, y: 60, x2: 400, y2: 60 }, /action 0: drag end \(400, 60\) is outside the 160×210 screen/],
      [{ type: 'drag', x: 10, y: 60, x2: 20 }, /drag end needs finite numbers x2 and y2/],
      [{ type: 'macro', actions: [] }, /a macro needs an array of 1–4 actions, got 0/],
      [{ type: 'macro', actions: Array.from({ length: 5 }, () => ({ type: 'key', name: 'Tab' })) }, /1–4 actions, got 5/],
      [{ type: 'macro', actions: 'click' }, /a macro needs an array/],
      [{ type: 'macro', actions: [{ type: 'macro', actions: [{ type: 'key', name: 'Tab' }] }] }, /action 0, step 0: macros cannot nest/],
      [{ type: 'macro', actions: [{ type: 'click', x: -1, y: 5 }] }, /action 0, step 0: click \(-1, 5\) is outside/],
      [{ type: 'macro', actions: [{ type: 'type', text: 'x'.repeat(65) }] }, /step 0: text longer than 64/],
      [{ type: 'key', name: 'F13' }, /key needs one of Enter, Tab/],
      [{ type: 'scroll', x: 1, y: 1 }, /scroll needs a whole dy from -10 to 10, not 0, got undefined/],
      [{ type: 'wheel', x: 1, y: 1 }, /unknown type "wheel"/],
    ];
    for (const [a, msg] of bad) expect(() => checkActions([a]), JSON.stringify(a)).toThrow(msg);
    // Only the known fields survive: anything else a program attaches is dropped.
    const [m] = checkActions([{ type: 'macro', actions: [{ type: 'click', x: 1, y: 50, extra: 'x'.repeat(1000) }], evil: 1 }]);
    expect(JSON.stringify(m)).toBe('{"type":"macro","actions":[{"type":"click","x":1,"y":50}]}');
  });
});

describe('features', () => {
  test('a macro is seen at its click with its typing; a drag at its end; memory records both points', () => {
    const env = makeEnv('enter-text');
    const obs = env.reset(3);
    const q = /"([^"]+)"/.exec(obs.utterance)![1];
    const ctx = observationContext(obs, readTextFromPixels, newMemory());
    const x = featuresOf(ctx, [actionHelpers.clickType({ x: 20, y: 90, w: 10, h: 10 }, q), actionHelpers.drag(1, 60, 100, 70)]);
    const macro = x.subarray(0, FEATURE_DIM);
    const drag = x.subarray(FEATURE_DIM, 2 * FEATURE_DIM);
    expect([macro[0], macro[1], macro[19], macro[43]]).toEqual([1, 1, 1, 1]);
    expect(macro[3]).toBeCloseTo(25 / 160);
    expect([drag[0], drag[42], drag[3]]).toEqual([1, 1, 100 / 160]);
    const m = remember(
      remember(newMemory(), actionHelpers.clickType({ x: 20, y: 90, w: 10, h: 10 }, q)),
      actionHelpers.drag(1, 60, 100, 70),
    );
    expect(m.clicks).toEqual([
      { x: 25, y: 95 },
      { x: 100, y: 70 },
    ]);
  });
});
