/**
 * Affordance programs written by hand for the tasks the synthesiser's DSL cannot express (drags between
 * computed points, scrolling, selecting and copying text, pickers that need several steps). Each one reads the
 * screen through `lib` like any generated program, runs only in the sandbox, and leaves the agent a choice
 * (every item, every word, every day button …): they prune the action space, they do not solve the task.
 * tests/unit/webnav-agents/handwritten.test.ts checks that each covers a scripted solver's every step on many
 * seeds and offers at least two actions per screen on average.
 *
 * Example:
 *   const source = HANDWRITTEN_PROGRAMS['highlight-text'];
 *   const [r] = await sandbox.run(source, [obs]);   // drags across every word, and the Submit click
 *   (await verifyHandwritten(sandbox, 'highlight-text', [1, 2, 3]))?.ok   // true
 */
import type { AffordanceSandbox } from './sandbox';
import { verifyProgram, type VerifyReport } from './verify';

/** Outlined white boxes (text fields, list boxes, drop targets), shared by several programs below. */
const WHITE_BOXES = `
function whiteBoxes(screen, lib) {
  return lib.regions(screen).filter((r) => {
    if (r.hex !== '#767676' && r.hex !== '#1a73e8') return false;
    if (r.w < 12 || r.h < 10) return false;
    const [a, b, c] = lib.pixel(screen, r.x + 1, r.y + Math.floor(r.h / 2));
    return a === 255 && b === 255 && c === 255;
  });
}`;

export const HANDWRITTEN_PROGRAMS: Readonly<Record<string, string>> = {
  'highlight-text': `// Drag across each word of each line of text (6 px per character), or click Submit.
function affordances(screen, utterance, lib) {
  const out = [];
  for (const r of lib.textBoxes(screen)) {
    if (r.text === 'Submit') {
      out.push(lib.clickBox(r));
      continue;
    }
    const y = Math.round(r.y + r.h / 2);
    let i = 0;
    for (const word of r.text.split(' ')) {
      if (word) out.push(lib.drag(r.x + i * 6, y, r.x + (i + word.length) * 6, y));
      i += word.length + 1;
    }
  }
  return out;
}`,

  'copy-paste': `// Select a line of text and copy it; click a field and paste; or click a button.
${WHITE_BOXES}
function affordances(screen, utterance, lib) {
  const out = [];
  const fields = whiteBoxes(screen, lib).filter((b) => b.h <= 20);
  for (const r of lib.textBoxes(screen)) {
    if (fields.some((f) => lib.contains(f, r.x + 1, r.y + 1))) continue; // a field's own text
    if (r.text === 'Submit') out.push(lib.clickBox(r));
    else {
      const y = Math.round(r.y + r.h / 2);
      out.push(lib.macro([lib.drag(r.x, y, r.x + r.text.length * 6, y), lib.key('Control+c')]));
    }
  }
  for (const f of fields) out.push(lib.macro([lib.clickBox(f), lib.key('Control+v')]));
  return out;
}`,

  'drag-shape': `// Drag each coloured shape into the empty box (its centre onto the box's centre).
${WHITE_BOXES}
function affordances(screen, utterance, lib) {
  const box = whiteBoxes(screen, lib).find((b) => b.w >= 30 && b.h >= 30);
  if (!box) return [];
  const shapes = lib.regions(screen).filter((r) => r.w <= 24 && r.h <= 24 && r.colorName !== 'grey' && r.colorName !== 'white' && r.colorName !== 'black');
  return shapes.map((r) => {
    const dx = box.x + box.w / 2 - (r.x + r.w / 2);
    const dy = box.y + box.h / 2 - (r.y + r.h / 2);
    return lib.drag(r.cx, r.cy, r.cx + dx, r.cy + dy);
  });
}`,

  'drag-items': `// Drag each item of the list to the position the utterance names, or click Submit.
function affordances(screen, utterance, lib) {
  const items = lib.regions(screen).filter((r) => r.hex === '#f4e4bc').sort((a, b) => a.y - b.y);
  const out = lib.textBoxes(screen).filter((r) => r.text === 'Submit').map((r) => lib.clickBox(r));
  const [position] = lib.numbers(utterance);
  const slot = items[position - 1];
  if (!slot) return out;
  for (const it of items) if (it !== slot) out.push(lib.drag(it.cx, it.cy, it.cx, slot.cy));
  return out;
}`,

  'click-scroll-list': `// Scroll the list box up or down, click a row, or click Submit.
function affordances(screen, utterance, lib) {
  const out = [];
  const bar = lib.regions(screen).find((r) => (r.hex === '#e8e8e8' || r.hex === '#b0b0b0') && r.w === 4 && r.h >= 6);
  if (bar) {
    const x = bar.x - 20;
    const y = bar.y + Math.floor(bar.h / 2);
    out.push(lib.scroll(x, y, 3), lib.scroll(x, y, -3));
  }
  for (const r of lib.textBoxes(screen)) out.push(lib.clickBox(r));
  return out;
}`,

  'choose-date': `// Open the calendar (click a field), move between months (< and >), click the named day, or Submit.
${WHITE_BOXES}
function affordances(screen, utterance, lib) {
  const texts = lib.textBoxes(screen);
  const out = texts.filter((r) => r.text === 'Submit').map((r) => lib.clickBox(r));
  const open = texts.some((r) => /^[A-Z][a-z]+ \\d{4}$/.test(r.text));
  if (!open) {
    for (const f of whiteBoxes(screen, lib)) if (f.h <= 20) out.push(lib.clickBox(f));
    return out;
  }
  const day = lib.numbers(utterance)[1];
  for (const r of texts) {
    if (r.text === '<' || r.text === '>') out.push(lib.clickBox(r));
    // Day numbers sit 20 px apart; a run may join neighbours ("13 14"): click the named one inside it.
    const parts = r.text.split(' ');
    let i = 0;
    for (const p of parts) {
      if (Number(p) === day) out.push(lib.click(r.x + (i + p.length / 2) * 6, r.y + r.h / 2));
      i += p.length + 1;
    }
  }
  return out;
}`,

  'form-sequence': `// Type the quoted name into a field (click, type), or click any text: labels, options, buttons.
${WHITE_BOXES}
function affordances(screen, utterance, lib) {
  const out = [];
  const fields = whiteBoxes(screen, lib).filter((b) => b.h <= 20);
  for (const q of lib.quoted(utterance)) for (const f of fields) out.push(lib.clickType(f, q));
  for (const r of lib.textBoxes(screen)) if (!fields.some((f) => lib.contains(f, r.x + 1, r.y + 1))) out.push(lib.clickBox(r));
  return out;
}`,

  'enter-time': `// Click any of the picker's buttons (hours and minutes − and +, AM/PM) or Submit.
function affordances(screen, utterance, lib) {
  return lib
    .textBoxes(screen)
    .flatMap((r) => r.text.split(' ').length > 1 && !/\\d/.test(r.text) ? [] : [r])
    .filter((r) => !/\\d:\\d\\d/.test(r.text))
    .map((r) => lib.clickBox(r));
}`,
};

/**
 * Verifies a task's hand-written program: the usual path search first, then a deeper one (these tasks take up
 * to seven steps; the deep search spends its node budget in wrong branches where the shallow one succeeds).
 * Null when the task has none.
 */
export async function verifyHandwritten(sandbox: AffordanceSandbox, task: string, seeds: number[]): Promise<VerifyReport | null> {
  const source = HANDWRITTEN_PROGRAMS[task];
  if (!source) return null;
  const shallow = await verifyProgram(sandbox, source, task, seeds);
  return shallow.ok ? shallow : verifyProgram(sandbox, source, task, seeds, { maxDepth: 7, maxNodes: 400 });
}
