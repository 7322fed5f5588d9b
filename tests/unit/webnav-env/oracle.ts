/**
 * Test-only solvers that read the ground-truth scene (`env.debugScene()`, the debugging API) and return the next
 * action: `solve` heads for success, `spoil` for a wrong ending (−1), or null where the task has no wrong ending.
 */
import type { Action, DebugElement, DebugScene } from '../../../src/webnav/env/types';
import { MONTHS } from '../../../src/webnav/tasks/choose-date';

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

/** Drags a shape (from a point inside it) so that its box lands centred in the task's target box. */
function dragInto(s: DebugScene, shape: DebugElement): Action {
  const box = find(s, (e) => e.kind === 'panel' && e.tags.target === 'true', 'target box');
  const from = clickInside(shape) as { x: number; y: number };
  const dx = box.left + box.width / 2 - (shape.left + shape.width / 2);
  const dy = box.top + box.height / 2 - (shape.top + shape.height / 2);
  return { type: 'drag', x: Math.round(from.x), y: Math.round(from.y), x2: Math.round(from.x + dx), y2: Math.round(from.y + dy) };
}

/** A drag across characters [start, start + length) of a text label (6 px per character). */
function selectAcross(line: DebugElement, start: number, length: number): Action {
  const y = line.top + Math.floor(line.height / 2);
  return { type: 'drag', x: line.left + start * 6, y, x2: line.left + (start + length) * 6, y2: y };
}

/** '3:25 PM' → [3, 25, true] */
function parseTime(t: string): [number, number, boolean] {
  const m = /^(\d+):(\d+) (AM|PM)$/.exec(t)!;
  return [Number(m[1]), Number(m[2]), m[3] === 'PM'];
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
    case 'drag-items': {
      const items = s.elements.filter((e) => e.kind === 'item').sort((a, b) => a.top - b.top);
      const pos = Number(f.position) - 1;
      const target = items.find((e) => e.text === f.target)!;
      if (items[pos] === target) return centre(button(s, 'Submit'));
      const from = centre(target) as { x: number; y: number };
      return { type: 'drag', x: from.x, y: from.y, x2: from.x, y2: items[0].top + pos * 16 + 7 };
    }
    case 'drag-shape': {
      const shape = find(s, (e) => e.kind === 'shape' && e.tags.shape === f.shape && e.tags.color === f.color, 'target shape');
      return dragInto(s, shape);
    }
    case 'form-sequence': {
      const field = s.elements.find((e) => e.kind === 'input');
      if (field) return fill(s, [f.name]) ?? centre(button(s, 'Next'));
      const radio = find(s, (e) => e.kind === 'radio' && e.text === f.size, 'size');
      return centre(radio.checked ? button(s, 'Submit') : radio);
    }
    case 'enter-time': {
      const shown = find(s, (e) => e.kind === 'text' && e.text.includes(':'), 'time').text;
      const [h, m, pm] = parseTime(shown);
      const [th, tm, tpm] = parseTime(f.time);
      const buttons = (text: string) => s.elements.filter((e) => e.kind === 'button' && e.text === text).sort((a, b) => a.left - b.left);
      if (h !== th) return centre(buttons((th - h + 12) % 12 <= 6 ? '+' : '-')[0]);
      if (m !== tm) return centre(buttons((tm - m + 60) % 60 <= 30 ? '+' : '-')[1]);
      if (pm !== tpm) return centre(button(s, 'AM/PM'));
      return centre(button(s, 'Submit'));
    }
    case 'choose-date': {
      const field = find(s, (e) => e.kind === 'input', 'date field');
      if (field.value === f.date) return centre(button(s, 'Submit'));
      const title = s.elements.find((e) => e.kind === 'text' && / 2024$/.test(e.text));
      if (!title) return centre(field);
      const shownMonth = MONTHS.indexOf(title.text.split(' ')[0]);
      const month = Number(f.month);
      if (shownMonth !== month) return centre(button(s, shownMonth < month ? '>' : '<'));
      return centre(button(s, f.day));
    }
    case 'search-engine': {
      const link = s.elements.find((e) => e.kind === 'link' && e.tags.rank === f.rank);
      if (link) return centre(link);
      return fill(s, [f.query]) ?? centre(button(s, 'Search'));
    }
    case 'use-autocomplete': {
      const field = find(s, (e) => e.kind === 'input', 'field');
      if (field.value === f.target) return centre(button(s, 'Submit'));
      const suggestion = s.elements.find((e) => e.kind === 'button' && e.text === f.target);
      if (suggestion) return centre(suggestion);
      return fill(s, [f.prefix]) ?? centre(field);
    }
    case 'highlight-text': {
      if (s.steps > 0) return centre(button(s, 'Submit'));
      const line = find(s, (e) => e.kind === 'text', 'line');
      return selectAcross(line, Number(line.tags.start), f.target.length);
    }
    case 'copy-paste': {
      const line = find(s, (e) => e.kind === 'text', 'line');
      const field = find(s, (e) => e.kind === 'input', 'field');
      const plan: Action[] = [
        selectAcross(line, 0, line.text.length),
        { type: 'key', name: 'Control+c' },
        centre(field),
        { type: 'key', name: 'Control+v' },
        centre(button(s, 'Submit')),
      ];
      return plan[s.steps];
    }
    case 'click-scroll-list': {
      const box = find(s, (e) => e.kind === 'scrollbox', 'list box');
      if (box.text === f.target) return centre(button(s, 'Submit'));
      const row = s.elements.find((e) => e.kind === 'listitem' && e.text === f.target);
      if (row) return centre(row);
      const offset = Number(box.value);
      const visible = s.elements.filter((e) => e.kind === 'listitem').length;
      const wanted = Number(f.row);
      const dy = wanted < offset ? wanted - offset : wanted - (offset + visible - 1);
      return { ...(centre(box) as { x: number; y: number }), type: 'scroll', dy: Math.max(-10, Math.min(10, dy)) };
    }
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
    case 'drag-items':
    case 'enter-time':
    case 'choose-date':
    case 'use-autocomplete':
    case 'highlight-text':
    case 'copy-paste':
      return centre(button(s, 'Submit'));
    case 'drag-shape':
      return dragInto(
        s,
        other('shape', (e) => e.tags.shape === f.shape && e.tags.color === f.color)!,
      );
    case 'form-sequence':
      return centre(button(s, s.elements.some((e) => e.kind === 'input') ? 'Next' : 'Submit'));
    case 'search-engine': {
      const wrong = s.elements.find((e) => e.kind === 'link' && e.tags.rank !== f.rank);
      return wrong ? centre(wrong) : (fill(s, [f.query]) ?? centre(button(s, 'Search')));
    }
    case 'click-scroll-list': {
      const box = find(s, (e) => e.kind === 'scrollbox', 'list box');
      if (box.text && box.text !== f.target) return centre(button(s, 'Submit'));
      return centre(find(s, (e) => e.kind === 'listitem' && e.text !== f.target, 'another row'));
    }
  }
  return null;
}
