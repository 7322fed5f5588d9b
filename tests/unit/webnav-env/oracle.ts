/**
 * Test-only solvers that read the ground-truth scene (`env.debugScene()`, the debugging API) and return the next
 * action: `solve` heads for success, `spoil` for a wrong ending (−1), or null where the task has no wrong ending.
 */
import type { Action, DebugElement, DebugScene } from '../../../src/webnav/env/types';

const centre = (e: DebugElement): Action => ({ type: 'click', x: e.left + Math.floor(e.width / 2), y: e.top + Math.floor(e.height / 2) });
const clickInside = (e: DebugElement): Action =>
  // A triangle's top corners are empty: aim two thirds down.
  e.kind === 'shape' && e.tags.shape === 'triangle' ? { type: 'click', x: e.left + e.width / 2, y: e.top + (2 * e.height) / 3 } : centre(e);

function find(s: DebugScene, pred: (e: DebugElement) => boolean, what: string): DebugElement {
  const e = s.elements.find(pred);
  if (!e) throw new Error(`oracle (${s.task}): no visible ${what}`);
  return e;
}
const button = (s: DebugScene, text: string) => find(s, (e) => e.kind === 'button' && e.text === text, `button "${text}"`);

/** Fill the inputs (in order) with the wanted values, one action per call. */
function fill(s: DebugScene, wanted: string[]): Action | null {
  const inputs = s.elements.filter((e) => e.kind === 'input');
  for (let i = 0; i < wanted.length; i++) {
    if (inputs[i].value === wanted[i]) continue;
    if (!inputs[i].focused) return centre(inputs[i]);
    if (inputs[i].value !== '') return { type: 'key', name: 'Backspace' };
    return { type: 'type', text: wanted[i] };
  }
  return null;
}

export function solve(s: DebugScene): Action {
  const f = s.fields;
  switch (s.task) {
    case 'click-button':
      return centre(button(s, f.target));
    case 'click-button-sequence':
      return centre(button(s, s.steps === 0 ? 'ONE' : 'TWO'));
    case 'click-link':
      return centre(find(s, (e) => e.kind === 'link' && e.text === f.target, 'target link'));
    case 'click-tab':
      return centre(find(s, (e) => e.kind === 'tab' && e.text === `Tab #${f.target}`, 'target tab'));
    case 'click-tab-2': {
      const link = s.elements.find((e) => e.kind === 'link' && e.text === f.target);
      return centre(link ?? find(s, (e) => e.kind === 'tab' && e.text === `Tab #${f.tab}`, 'tab'));
    }
    case 'click-checkboxes': {
      const wanted = new Set(f.targets ? f.targets.split(',') : []);
      const box = s.elements.find((e) => e.kind === 'checkbox' && e.checked !== wanted.has(e.text));
      return centre(box ?? button(s, 'Submit'));
    }
    case 'click-dialog':
      return centre(find(s, (e) => e.kind === 'close', 'close button'));
    case 'click-option': {
      const radio = find(s, (e) => e.kind === 'radio' && e.text === f.target, 'target radio');
      return centre(radio.checked ? button(s, 'Submit') : radio);
    }
    case 'choose-list': {
      const list = find(s, (e) => e.kind === 'select', 'list');
      if (list.value === f.target) return centre(button(s, 'Submit'));
      if (!list.checked) return centre(list);
      return centre(find(s, (e) => e.kind === 'option' && e.text === f.target, 'option'));
    }
    case 'enter-text':
      return fill(s, [f.target]) ?? centre(button(s, 'Submit'));
    case 'focus-text':
      return centre(find(s, (e) => e.kind === 'input', 'text field'));
    case 'login-user':
      return fill(s, [f.username, f.password]) ?? centre(button(s, 'Login'));
    case 'navigate-tree': {
      const target = s.elements.find((e) => e.text === f.target);
      return centre(target ?? find(s, (e) => e.kind === 'folder' && !e.checked, 'closed folder'));
    }
    case 'click-collapsible': {
      const submit = s.elements.find((e) => e.kind === 'button');
      return centre(submit ?? find(s, (e) => e.kind === 'collapsible', 'section header'));
    }
    case 'use-slider': {
      const slider = find(s, (e) => e.kind === 'slider', 'slider');
      if (slider.value === f.target) return centre(button(s, 'Submit'));
      const t = (Number(f.target) - Number(slider.tags.min)) / (Number(slider.tags.max) - Number(slider.tags.min));
      return { type: 'click', x: slider.left + Math.round(t * (slider.width - 1)), y: slider.top + 5 };
    }
    case 'click-shape':
      return clickInside(find(s, (e) => e.kind === 'shape' && e.tags.shape === f.shape && e.tags.color === f.color, 'target shape'));
    case 'click-color':
      return centre(find(s, (e) => e.kind === 'swatch' && e.tags.color === f.target, 'target swatch'));
    case 'click-menu': {
      // Open each level of the path in turn: the first entry of the path that is not open yet.
      const path = f.target.split('>');
      for (let depth = 0; depth < path.length; depth++) {
        const kind = depth === 0 ? 'menu' : 'menuitem';
        const e = find(s, (x) => x.kind === kind && x.text === path[depth], `menu entry "${path[depth]}"`);
        if (depth === path.length - 1 || !e.checked) return centre(e);
      }
      break;
    }
    case 'focus-text-2':
      return centre(s.elements.filter((e) => e.kind === 'input')[Number(f.target) - 1]);
    case 'enter-password':
      return fill(s, [f.password, f.password]) ?? centre(button(s, 'Submit'));
  }
  throw new Error(`oracle: no solver for ${s.task}`);
}

/** An action sequence that ends the episode with −1, or null when the task has no wrong ending. */
export function spoil(s: DebugScene): Action | null {
  const f = s.fields;
  const other = (kind: string, ok: (e: DebugElement) => boolean) => s.elements.find((e) => e.kind === kind && !ok(e));
  switch (s.task) {
    case 'click-button':
      return centre(other('button', (e) => e.text === f.target)!);
    case 'click-button-sequence':
      return centre(button(s, 'TWO'));
    case 'click-link':
    case 'click-tab-2':
      return centre(other('link', (e) => e.text === f.target)!);
    case 'click-tab':
      return centre(other('tab', (e) => e.text === `Tab #${f.target}`)!);
    case 'click-checkboxes':
      if (!f.targets && !s.elements.some((e) => e.kind === 'checkbox' && e.checked))
        return centre(find(s, (e) => e.kind === 'checkbox', 'checkbox'));
      return centre(button(s, 'Submit'));
    case 'click-dialog':
      return centre(button(s, 'OK'));
    case 'click-option':
    case 'choose-list':
    case 'enter-text':
    case 'use-slider':
      return centre(button(s, 'Submit'));
    case 'login-user':
      return centre(button(s, 'Login'));
    case 'navigate-tree': {
      const wrong = other('file', (e) => e.text === f.target);
      return centre(wrong ?? find(s, (e) => e.kind === 'folder' && !e.checked && e.text !== f.target, 'closed folder'));
    }
    case 'click-shape': {
      const wrong = other('shape', (e) => e.tags.shape === f.shape && e.tags.color === f.color);
      return wrong ? clickInside(wrong) : null;
    }
    case 'click-color':
      return centre(other('swatch', (e) => e.tags.color === f.target)!);
    case 'click-menu': {
      // Open the first menu and click a plain entry that is not the target.
      const leaf = s.elements.find((e) => e.kind === 'menuitem' && e.tags.submenu !== 'true' && !f.target.endsWith(`>${e.text}`));
      return centre(leaf ?? find(s, (e) => e.kind === 'menu', 'menu'));
    }
    case 'focus-text-2':
      return centre(s.elements.filter((e) => e.kind === 'input')[Number(f.target) % 3]);
    case 'enter-password':
      return centre(button(s, 'Submit'));
  }
  return null;
}
