/**
 * The checks between planning and coding: the architecture and logic designs parsed against their schemas,
 * the task list non-empty, made of safe relative paths from the File list, its dependencies acyclic, and the
 * order made consistent with them (a stable topological sort, noted when it moved anything).
 *
 * Example:
 *   taskOrder(design, logic) // { order: ['model.py', 'main.py'], entry: 'main.py', notes: [] }
 */
import { arr, obj, pair, record, str, text, parseStructured, type Parsed } from './schema';
import type { ArchitectureDesign, LogicDesign } from './types';

export class TaskListError extends Error {
  override name = 'TaskListError';
}

export const designSchema = obj({
  'Implementation approach': text(),
  'File list': arr(str(), { min: 1 }),
  'Data structures and interfaces': text(),
  'Program call flow': text(),
  'Anything UNCLEAR': text(),
});

export const logicSchema = obj(
  {
    'Required packages': arr(text()),
    'Logic Analysis': arr(pair()),
    'Task list': arr(str()),
    Dependencies: record(arr(str())),
    'Full API spec': text(),
    'Shared Knowledge': text(),
    'Anything UNCLEAR': text(),
  },
  ['Dependencies', 'Full API spec', 'Anything UNCLEAR', 'Required packages', 'Shared Knowledge'],
);

export function parseDesign(answer: string): Parsed<ArchitectureDesign> {
  return parseStructured(answer, designSchema);
}

export function parseLogic(answer: string): Parsed<LogicDesign> {
  const p = parseStructured(answer, logicSchema);
  if (!p.ok) return p;
  const v = p.value;
  return {
    ok: true,
    value: {
      'Required packages': v['Required packages'] ?? [],
      'Logic Analysis': v['Logic Analysis'],
      'Task list': v['Task list'],
      Dependencies: v.Dependencies,
      'Full API spec': v['Full API spec'] ?? '',
      'Shared Knowledge': v['Shared Knowledge'] ?? '',
      'Anything UNCLEAR': v['Anything UNCLEAR'] ?? '',
    },
  };
}

const SAFE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[\w.\-/]{1,120}$/;
export const CONFIG_FILE = 'config.yaml';

export interface TaskOrder {
  order: string[];
  entry: string;
  notes: string[];
}

export function taskOrder(design: ArchitectureDesign, logic: LogicDesign, language: 'python' | 'javascript' = 'python'): TaskOrder {
  const notes: string[] = [];
  const fileList = new Set(design['File list'].map((f) => f.trim()));
  const tasks: string[] = [];
  for (const raw of logic['Task list']) {
    const f = raw.trim();
    if (f === CONFIG_FILE) {
      notes.push('config.yaml is written by the planning stage; dropped from the task list');
      continue;
    }
    if (!SAFE_PATH.test(f)) throw new TaskListError(`The task list names "${raw}", which is not a safe relative file path`);
    if (!fileList.has(f))
      throw new TaskListError(`The task list names ${f}, which is not in the architecture's File list (${[...fileList].join(', ')})`);
    if (tasks.includes(f)) throw new TaskListError(`The task list names ${f} twice`);
    tasks.push(f);
  }
  if (tasks.length === 0)
    throw new TaskListError('The task list is empty: the logic design must list the files to write, in dependency order');
  const missing = [...fileList].filter((f) => f !== CONFIG_FILE && !tasks.includes(f));
  if (missing.length) notes.push(`In the File list but not the task list, so not written: ${missing.join(', ')}`);

  const deps = new Map<string, string[]>(tasks.map((t) => [t, []]));
  for (const [file, list] of Object.entries(logic.Dependencies ?? {})) {
    if (!deps.has(file)) throw new TaskListError(`Dependencies name ${file}, which is not in the task list (${tasks.join(', ')})`);
    for (const d of list) {
      if (d === CONFIG_FILE) continue;
      if (!deps.has(d))
        throw new TaskListError(`Dependencies say ${file} imports ${d}, which is not in the task list (${tasks.join(', ')})`);
      if (d !== file) deps.get(file)!.push(d);
    }
  }
  const order = topological(tasks, deps);
  if (order.join('\n') !== tasks.join('\n')) notes.push(`Reordered so each file follows the files it imports: ${order.join(' → ')}`);
  const wanted = language === 'python' ? 'main.py' : 'main.js';
  const entry = order.includes(wanted) ? wanted : order[order.length - 1];
  if (entry !== wanted) notes.push(`No ${wanted} in the task list; ${entry} is run as the entry point`);
  return { order, entry, notes };
}

/** Depth-first, visiting in task-list order, so an already consistent list stays as it is. */
function topological(tasks: string[], deps: Map<string, string[]>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (f: string, path: string[]) => {
    const s = state.get(f);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(f)), f];
      throw new TaskListError(`The task list's dependencies form a cycle: ${cycle.join(' → ')}`);
    }
    state.set(f, 'visiting');
    for (const d of deps.get(f)!) visit(d, [...path, f]);
    state.set(f, 'done');
    order.push(f);
  };
  for (const t of tasks) visit(t, []);
  return order;
}
