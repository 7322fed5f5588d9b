/**
 * The LLM generator, prompted the CoGA way through any `LlmBackend` (src/llm): the model sees the task and
 * a sample screen described as text (OCR'd text and colour components with pixel boxes on a coordinate
 * grid, since backends here are text-only), then in turn
 *   1. lists objects and intents,  2. grounds each intent to boxes,  3. (we) crop those boxes as grayscale
 *   templates from 5 sample screens,  4. writes a strategy (which intents, which actions, how to combine,
 *   an outline as comments),  5. writes the program.
 * The program is verified on sample screens (`verify.ts`); failures go back to the model, at most 3 repairs.
 *
 * Example:
 *   const r = await generateWithLlm(llm, sandbox, 'click-tab', { seeds: [1, 2, 3, 4, 5] });
 *   r.program?.source; r.transcript  // every prompt and reply, for the tab to show
 */
import type { ChatMessage, LlmBackend } from '../../llm/types';
import { getTask, makeEnv } from '../tasks/index';
import type { Observation } from '../env/types';
import { ENTRY_NAME, type AffordanceProgram } from './program';
import type { AffordanceSandbox } from './sandbox';
import { verifyProgram, type VerifyReport } from './verify';
import { describeScreen, type Region } from './describe';
import PERCEPTION_API from '../perception/API.md?raw';

export const MAX_REPAIRS = 3;

export interface LlmGeneration {
  task: string;
  program: AffordanceProgram | null;
  report: VerifyReport | null;
  repairs: number;
  transcript: ChatMessage[];
  /** Templates cropped from sample screens (grayscale), embedded into the program as data. */
  templates: Template[];
  error?: string;
}

export interface Template {
  name: string;
  w: number;
  h: number;
  /** Grayscale bytes, base64. */
  data: string;
}

export interface LlmGenOptions {
  seeds?: number[];
  signal?: AbortSignal;
  onMessage?: (m: ChatMessage) => void;
}

const SYSTEM = `You write affordance programs for a reinforcement-learning agent on MiniWob-style web tasks drawn on a 160×210 canvas.
An affordance program is JavaScript: function ${ENTRY_NAME}(screen, utterance, lib) returning the FEW actions worth trying (at most 64, each one agent step):
  {type:'click',x,y}  {type:'type',text} (into the focused field, ≤ 64 characters)  {type:'key',name} (Enter, Tab, Backspace, Delete, Arrow…, Home, End, Escape)
  {type:'drag',x,y,x2,y2} press at (x,y), release at (x2,y2): a slider takes its value at x2
  {type:'macro',actions:[…]} 1–4 of the above applied in order as ONE step, e.g. click a field then type into it
Points are integers on the 160×210 screen. Leave the agent a choice: return the plausible actions, not one answer.
It runs in a sandbox with no DOM, network or storage. It sees pixels only, through lib, which holds every
function of the perception library below (lib.readText, lib.segment, lib.matchTemplate …) plus:
  lib.textBoxes(screen) → [{text,x,y,w,h}] text read below the instruction bar
  lib.regions(screen) → [{x,y,w,h,cx,cy,area,colorName,shape}] colour blobs below the instruction bar
  lib.template(TEMPLATES.name) → a template screen from the TEMPLATES constant, for lib.matchTemplate
  lib.click(x,y), lib.clickBox(box), lib.clicksAlong(box, step), lib.type(text), lib.key(name)
  lib.drag(x,y,x2,y2), lib.macro([a, b]), lib.clickType(box, text) → macro: click the box's centre, then type text
  lib.tracks(screen) → [{x,y,w,h}] slider tracks; lib.dragsTo(track, value, maxes=[10,20,100]) → drags to value's position
  lib.quoted(utterance) → quoted phrases; lib.numbers(utterance) → numbers; lib.words(utterance); lib.mentions(utterance, text) → boolean

${PERCEPTION_API}
Keep answers short.`;

function parseJsonish(text: string): unknown {
  const m = /```(?:json)?\s*([\s\S]*?)```/.exec(text) ?? /(\{[\s\S]*\}|\[[\s\S]*\])/.exec(text);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]);
  } catch {
    return undefined;
  }
}

/** Pulls `function affordances(...) { … }` out of a reply (fenced or not), balancing braces. */
export function extractProgram(text: string): string | undefined {
  const fenced = /```(?:js|javascript)?\s*([\s\S]*?)```/.exec(text);
  const hay = fenced && fenced[1].includes(ENTRY_NAME) ? fenced[1] : text;
  const start = hay.search(new RegExp(`function\\s+${ENTRY_NAME}\\s*\\(`));
  if (start < 0) return undefined;
  // Keep what precedes the function inside the fence (constants), but not prose outside it.
  const prefix = fenced && hay === fenced[1] ? hay.slice(0, start) : '';
  let depth = 0;
  for (let i = hay.indexOf('{', start); i < hay.length; i++) {
    if (hay[i] === '{') depth++;
    else if (hay[i] === '}' && --depth === 0) return `${prefix}${hay.slice(start, i + 1)}\n`;
  }
  return undefined;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Crops a box from a screen as grayscale (CoGA's colour-invariant templates). */
export function cropGray(obs: Observation, box: { x: number; y: number; w: number; h: number }): Uint8Array {
  const w = Math.max(1, Math.min(obs.width - box.x, Math.round(box.w)));
  const h = Math.max(1, Math.min(obs.height - box.y, Math.round(box.h)));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((box.y + y) * obs.width + box.x + x) * 4;
      out[y * w + x] = Math.round(0.299 * obs.pixels[i] + 0.587 * obs.pixels[i + 1] + 0.114 * obs.pixels[i + 2]);
    }
  }
  return out;
}

export async function generateWithLlm(
  llm: LlmBackend,
  sandbox: AffordanceSandbox,
  task: string,
  opts: LlmGenOptions = {},
): Promise<LlmGeneration> {
  const seeds = opts.seeds ?? [1, 2, 3, 4, 5];
  const def = getTask(task);
  const transcript: ChatMessage[] = [{ role: 'system', content: SYSTEM }];
  const say = async (content: string): Promise<string> => {
    const user: ChatMessage = { role: 'user', content };
    transcript.push(user);
    opts.onMessage?.(user);
    const reply = await llm.chat(transcript, { temperature: 0.2, maxTokens: 900, signal: opts.signal });
    const assistant: ChatMessage = { role: 'assistant', content: reply };
    transcript.push(assistant);
    opts.onMessage?.(assistant);
    return reply;
  };
  const env = makeEnv(task);
  const samples = seeds.map((s) => env.reset(s));
  const first = samples[0];
  const { text: screenText, regions } = describeScreen(first);
  const result: LlmGeneration = { task, program: null, report: null, repairs: 0, transcript, templates: [] };
  try {
    // 1. Objects and intents.
    await say(
      `Task family "${def.family}": ${def.description}\nInstruction on this screen: ${first.utterance}\n` +
        `The screen (160×210 px; x right, y down; the instruction bar is y < 44):\n${screenText}\n\n` +
        `Step 1. List the salient objects and the task's intents (abstract goals like "click a tab", not "click Tab #2"). Reply as JSON {"objects":[...],"intents":[...]}.`,
    );
    // 2. Grounding on the numbered regions (the textual version of the paper's gridded image).
    const grounding = await say(
      `Step 2. For each intent, name the regions (by their number R#) that matter. Reply as JSON {"intent name": [region numbers], ...}.`,
    );
    // 3. Templates: crop the grounded regions from 5 sample screens (grayscale).
    const grounded = new Set<number>();
    const parsed = parseJsonish(grounding);
    if (parsed && typeof parsed === 'object') {
      for (const v of Object.values(parsed as Record<string, unknown>)) {
        for (const n of Array.isArray(v) ? v : [v]) if (Number.isInteger(Number(n))) grounded.add(Number(n));
      }
    }
    const picked = [...grounded]
      .map((n) => regions[n])
      .filter((r): r is Region => !!r)
      .slice(0, 4);
    result.templates = picked.map((r, k) => {
      const bytes = cropGray(first, r);
      return {
        name: `t${k}_${(r.text ?? r.colorName ?? 'region').replace(/[^a-z0-9]/gi, '').slice(0, 12)}`,
        w: Math.min(r.w, 160 - r.x),
        h: Math.min(r.h, 210 - r.y),
        data: toBase64(bytes),
      };
    });
    const templateNote = result.templates.length
      ? `Templates cropped for you (grayscale, from sample screens): ${result.templates.map((t) => `TEMPLATES.${t.name} (${t.w}×${t.h})`).join(', ')}. Use them with lib.matchTemplate(screen, lib.template(TEMPLATES.name), { threshold: 0.9 }) only where text or colour do not identify the object.`
      : 'No templates were cropped; use text and colour components.';
    // 4. Strategy (chain of thought, outline as comments).
    await say(
      `${templateNote}\nStep 3. Strategy: which intents are relevant on a screen like this, which actions are affordable per intent, how to combine them, and an outline of the script as comments. The same program must work for every instruction of this task family, so read the target from the utterance.`,
    );
    // 5. Code, then verify and repair.
    let reply = await say(`Step 4. Write the program: one JavaScript function ${ENTRY_NAME}(screen, utterance, lib) in a \`\`\`js block.`);
    const templatesJs = result.templates.length
      ? `const TEMPLATES = {\n${result.templates.map((t) => `  ${t.name}: { w: ${t.w}, h: ${t.h}, data: '${t.data}' },`).join('\n')}\n};\n`
      : '';
    for (let attempt = 0; ; attempt++) {
      const code = extractProgram(reply);
      let problem: string;
      if (!code) problem = `I could not find "function ${ENTRY_NAME}(screen, utterance, lib) { … }" in your reply.`;
      else {
        const source = code.includes('const TEMPLATES') ? code : `${templatesJs}${code}`;
        const report = await verifyProgram(sandbox, source, task, seeds);
        result.report = report;
        result.program = { name: `llm:${task}`, family: def.family, origin: 'llm', source };
        if (report.ok) break;
        problem = `Verification failed on the sample screens:\n${report.failures
          .slice(0, 5)
          .map((f) => `- ${f}`)
          .join('\n')}`;
      }
      if (attempt >= MAX_REPAIRS) {
        result.error = `no verified program after ${MAX_REPAIRS} repairs: ${problem}`;
        break;
      }
      result.repairs = attempt + 1;
      reply = await say(`${problem}\nFix the program and reply with the whole corrected function in a \`\`\`js block.`);
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  return result;
}
