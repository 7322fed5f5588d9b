/**
 * The registry of implementations. Each function is a module that calls `registerFunction(def)` when
 * imported; src/workflow/functions/implementations.ts imports them all (workers, Node). The page, the
 * checker and the planner use the signatures only (src/workflow/functions/index.ts, from signatures.json).
 * The registered `run` receives parameter defaults for every parameter the program leaves out.
 *
 * Example:
 *   registerFunction({ name: 'Twice', category: 'number', doc: 'x · 2', inputs: [{ name: 'x', type: 'Number' }],
 *     outputs: [{ name: 'y', type: 'Number' }], params: [], example: 'n = Number(value=2)\nt = Twice()\nn.value -> t.x',
 *     run: async ({ x }) => ({ y: { type: 'Number', value: (x as { value: number }).value * 2 } }) });
 *   getRegistry().get('Twice')?.outputs[0].type; // 'Number'
 */
import { IDENT_RE } from '../lang/parse';
import {
  PORT_TYPES,
  type FunctionDef,
  type FunctionSignature,
  type ParamValue,
  type PortType,
  type RunContext,
  type Value,
  type ValueOf,
} from '../lang/types';

/** A function's implementation as registered: its definition and how the runtime may schedule it. */
export interface FunctionImpl extends FunctionDef {
  /** Pure CPU work (no GPU, files, WebCodecs or model): the workflow worker may run it in a node-pool worker. */
  pure?: boolean;
}

const functions = new Map<string, FunctionImpl>();

/** Throws on a malformed signature: that is a bug in a function module, found when it is imported. */
function validate(sig: FunctionSignature): void {
  const where = `function ${sig.name}`;
  if (!IDENT_RE.test(sig.name)) throw new Error(`${where}: name must be an identifier`);
  for (const kind of ['inputs', 'outputs', 'params'] as const) {
    const names = sig[kind].map((p) => p.name);
    for (const n of names) if (!IDENT_RE.test(n)) throw new Error(`${where}: ${kind} name '${n}' must be an identifier`);
    const dup = names.find((n, k) => names.indexOf(n) !== k);
    if (dup) throw new Error(`${where}: ${kind} name '${dup}' appears twice`);
  }
  for (const p of [...sig.inputs, ...sig.outputs]) {
    if (!PORT_TYPES.includes(p.type))
      throw new Error(`${where}: port ${p.name} has unknown type '${p.type}' (known: ${PORT_TYPES.join(', ')})`);
  }
  for (const p of sig.params) {
    if (p.type === 'choice' && (!p.choices.length || (p.default !== undefined && !p.choices.includes(p.default)))) {
      throw new Error(`${where}: parameter ${p.name} needs choices that include its default`);
    }
    if (p.type === 'number' && p.default !== undefined) {
      if ((p.min !== undefined && p.default < p.min) || (p.max !== undefined && p.default > p.max)) {
        throw new Error(`${where}: parameter ${p.name} default ${p.default} is outside its range`);
      }
    }
  }
}

export function registerFunction(def: FunctionImpl): void {
  validate(def);
  if (functions.has(def.name)) throw new Error(`function ${def.name} is registered twice`);
  // `run` always sees every parameter that has a default, whoever calls it.
  const defaults = Object.fromEntries(def.params.flatMap((p) => (p.default === undefined ? [] : [[p.name, p.default]])));
  functions.set(def.name, { ...def, run: (inputs, params, ctx) => def.run(inputs, { ...defaults, ...params }, ctx) });
}

/** Every registered function by name (a `Registry` for the checker, and `run` for the executor). */
export function getRegistry(): ReadonlyMap<string, FunctionImpl> {
  return functions;
}

/** The signature of a function: everything but `run`, as plain data (what signatures.json holds). */
export function signatureOf(def: FunctionSignature): FunctionSignature {
  const { run: _run, pure: _pure, ...sig } = def as FunctionImpl;
  return JSON.parse(JSON.stringify(sig)) as FunctionSignature;
}

/**
 * The input `name` as a value of `type`; a clear error when it is missing or of another type
 * (the checker rules both out for checked programs; this guards direct calls).
 */
export function inputOf<T extends PortType>(inputs: Record<string, Value>, name: string, type: T): ValueOf<T> {
  const v = inputs[name];
  if (!v) throw new Error(`input '${name}' (${type}) is not connected`);
  if (v.type !== type) throw new Error(`input '${name}' expects ${type}, got ${v.type}`);
  return v as ValueOf<T>;
}

/**
 * The one parameter reader for function `run`s. The parameter `name` (defaults are filled in before `run`),
 * checked to be of the expected JS type; `optional` for parameters without a default.
 */
export function paramOf<K extends 'number' | 'string' | 'boolean'>(
  params: Record<string, ParamValue>,
  name: string,
  kind: K,
): K extends 'number' ? number : K extends 'string' ? string : boolean {
  const v = params[name];
  if (typeof v !== kind) throw new Error(`parameter '${name}' must be a ${kind}, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return v as never;
}

/** The parameter `name` when the program set it (for parameters without a default), else undefined. */
export function optionalParamOf<K extends 'number' | 'string' | 'boolean'>(
  params: Record<string, ParamValue>,
  name: string,
  kind: K,
): (K extends 'number' ? number : K extends 'string' ? string : boolean) | undefined {
  return params[name] === undefined ? undefined : paramOf(params, name, kind);
}

/** A context for calling a function's `run` outside a program run (tests, artifact rendering): no files, no recipe. */
export function standaloneContext(over: Partial<RunContext> = {}): RunContext {
  return { signal: new AbortController().signal, progress() {}, files: new Map(), recipe: '', markGpu() {}, ...over };
}
