/**
 * Structured model output: the JSON object is taken from one place (a `[CONTENT]…[/CONTENT]` block as
 * PaperCoder asks, else a ```json fence, else the outermost braces), parsed once, and checked against a small
 * schema that names the path of every mismatch. A failure becomes one repair request to the model.
 *
 * Example:
 *   const s = obj({ 'File list': arr(str()) });
 *   parseStructured('[CONTENT]{"File list":["main.py"]}[/CONTENT]', s) // { ok: true, value: {...} }
 */

export type Check<T> = (value: unknown, path: string) => T;

export class SchemaError extends Error {
  override name = 'SchemaError';
}

export function str(): Check<string> {
  return (v, path) => {
    if (typeof v !== 'string') throw new SchemaError(`${path} should be a string, got ${kind(v)}`);
    return v;
  };
}

export function num(opts: { min?: number; max?: number } = {}): Check<number> {
  return (v, path) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new SchemaError(`${path} should be a number, got ${kind(v)}`);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max))
      throw new SchemaError(`${path} should be between ${opts.min} and ${opts.max}, got ${n}`);
    return n;
  };
}

/** One of a few strings, compared without case. */
export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, path) => {
    const found = values.find((x) => typeof v === 'string' && x === v.toLowerCase().trim());
    if (!found) throw new SchemaError(`${path} should be one of ${values.join(', ')}, got ${kind(v)}`);
    return found;
  };
}

/** A string, or anything else written as JSON text (models often give a list where a paragraph was asked). */
export function text(): Check<string> {
  return (v) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
}

export function arr<T>(item: Check<T>, opts: { min?: number } = {}): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) throw new SchemaError(`${path} should be a list, got ${kind(v)}`);
    if (opts.min !== undefined && v.length < opts.min)
      throw new SchemaError(`${path} should have at least ${opts.min} item(s), got ${v.length}`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

/** `[a, b]` pairs as PaperCoder's "Logic Analysis" uses them. */
export function pair(): Check<[string, string]> {
  return (v, path) => {
    if (!Array.isArray(v) || v.length < 2 || typeof v[0] !== 'string')
      throw new SchemaError(`${path} should be a [file, description] pair, got ${kind(v)}`);
    return [v[0], typeof v[1] === 'string' ? v[1] : JSON.stringify(v[1])];
  };
}

export function record<T>(item: Check<T>): Check<Record<string, T>> {
  return (v, path) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SchemaError(`${path} should be an object, got ${kind(v)}`);
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) out[k] = item(x, `${path}.${JSON.stringify(k)}`);
    return out;
  };
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

/** An object with these keys; keys ending in `?` in `optional` may be missing. Extra keys are ignored. */
export function obj<S extends Shape>(shape: S, optional: (keyof S)[] = []): Check<Out<S>> {
  return (v, path) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SchemaError(`${path} should be an object, got ${kind(v)}`);
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const x = (v as Record<string, unknown>)[key];
      if (x === undefined) {
        if (optional.includes(key)) continue;
        throw new SchemaError(`${path} is missing the key "${key}"`);
      }
      out[key] = check(x, `${path}.${JSON.stringify(key)}`);
    }
    return out as Out<S>;
  };
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v;
}

/** The JSON text inside a model answer, from the first place that has one. */
export function jsonTextOf(answer: string): string | undefined {
  const content = /\[CONTENT\]([^]*?)\[\/CONTENT\]/.exec(answer);
  if (content) return content[1].trim();
  const fence = /```(?:json)?\s*\n([^]*?)\n\s*```/.exec(answer);
  if (fence && fence[1].trim().startsWith('{')) return fence[1].trim();
  const a = answer.indexOf('{');
  const b = answer.lastIndexOf('}');
  return a >= 0 && b > a ? answer.slice(a, b + 1) : undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseStructured<T>(answer: string, check: Check<T>): Parsed<T> {
  const json = jsonTextOf(answer);
  if (json === undefined) return { ok: false, error: 'The answer holds no JSON object (expected [CONTENT]{…}[/CONTENT])' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `The JSON does not parse: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { ok: true, value: check(value, '$') };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, error: `The JSON does not match the expected shape: ${e.message}` };
    throw e;
  }
}
