/**
 * `npm run sandbox` — replays affordance programs from files in ONE Node sandbox host, one after another, the
 * way `bench:rl` runs them (same host, same 1000 ms limit per screen), on one seeded screen of a task.
 * Any attack on the sandbox can be replayed from the command line, followed by an innocent program.
 *
 *   npm run sandbox -- attack.js innocent.js --task click-button --seed 3 --json
 *   # [{"file":"attack.js","ok":false,"actions":[],"error":{"kind":"denied","message":"SandboxDenied: …","line":3,"column":5}},
 *   #  {"file":"innocent.js","ok":true,"actions":[{"type":"click","x":80,"y":120}],"error":null}]
 *
 * `error` is null when ok; `actions` is [] when not. Without --json, one line per file. Exit code: 0 when every
 * program ran ok, 1 when any failed (a blocked attack is a failure of that program), 2 on bad usage.
 */
import fs from 'node:fs';
import { makeEnv } from './tasks/index';
import { TASK_NAMES } from './tasks/index';
import { nodeSandbox } from './affordance/node-sandbox';
import { MAX_SOURCE_LENGTH, describeAction, formatSandboxError, type RunResult, type SandboxError } from './affordance/program';
import type { Action } from './env/types';

const USAGE = 'usage: npm run sandbox -- A.js [B.js …] [--task NAME] [--seed N] [--json]';

export interface SandboxCliEntry {
  file: string;
  ok: boolean;
  actions: Action[];
  error: SandboxError | null;
}

/** Files larger than this are not read (a program is at most MAX_SOURCE_LENGTH characters). */
const MAX_FILE_BYTES = 4 * MAX_SOURCE_LENGTH;

function parse(argv: string[]): { files: string[]; task: string; seed: number; json: boolean } | string {
  const files: string[] = [];
  let task = 'click-button';
  let seed = 1;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--task' || a === '--seed') {
      const v = argv[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--task') task = v;
      else seed = Number(v);
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length === 0) return 'no program files given';
  if (!TASK_NAMES.includes(task)) return `unknown task ${task}; known: ${TASK_NAMES.join(', ')}`;
  if (!Number.isSafeInteger(seed) || seed < 0) return `--seed must be a non-negative integer, got ${argv[argv.indexOf('--seed') + 1]}`;
  return { files, task, seed, json };
}

function readProgram(file: string): string | SandboxError {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return { kind: 'syntax', message: `cannot read ${file}: no such file` };
  }
  if (size > MAX_FILE_BYTES)
    return { kind: 'output', message: `the program is ${size} bytes; the limit is ${MAX_SOURCE_LENGTH} characters` };
  return fs.readFileSync(file, 'utf8');
}

/** Program-controlled text (messages, typed text) with control characters shown, never sent to the terminal. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export async function main(argv: string[]): Promise<number> {
  const opts = parse(argv);
  if (typeof opts === 'string') {
    console.error(`${opts}\n${USAGE}`);
    return 2;
  }
  const obs = makeEnv(opts.task).reset(opts.seed);
  const sandbox = await nodeSandbox({ timeLimitMs: 1000 });
  const out: SandboxCliEntry[] = [];
  try {
    for (const file of opts.files) {
      const source = readProgram(file);
      const r: RunResult = typeof source === 'string' ? (await sandbox.run(source, [obs]))[0] : { ok: false, error: source };
      out.push(r.ok ? { file, ok: true, actions: r.actions, error: null } : { file, ok: false, actions: [], error: r.error });
    }
  } finally {
    sandbox.dispose();
  }
  if (opts.json) console.log(JSON.stringify(out, null, 2));
  else {
    for (const e of out) {
      console.log(
        printable(
          `${e.file}: ${e.ok ? `ok, ${e.actions.length} action(s): ${e.actions.map(describeAction).join(', ')}` : formatSandboxError(e.error!)}`,
        ),
      );
    }
  }
  return out.every((e) => e.ok) ? 0 : 1;
}
