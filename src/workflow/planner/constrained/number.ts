/**
 * Number literals under constrained decoding: which prefixes can still end as a value the parameter accepts.
 * The constrained form is a subset of the language's numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most
 * INT_DIGITS digits before the point and FRAC_DIGITS after it (none for integer parameters).
 *
 * Every completion of a prefix is a whole number of grid steps (1 for integers, 10^-FRAC_DIGITS otherwise), and the
 * completions of one prefix make up a few contiguous grid intervals (one per number of digits still to come), so
 * "can this prefix still end in range" is an interval test in exact integer arithmetic.
 *
 * Example:
 *   const spec = { name: 'levels', type: 'number', min: 2, max: 16, integer: true } as const;
 *   numberPrefixOk('1', spec)  // true: 2..9 no, but 10..16 yes
 *   numberPrefixOk('17', spec) // false; numberComplete('16', spec) // true; shortestNumber('', spec) // '2'
 */
import { paramProblem } from '../../lang/check';
import type { ParamSpec } from '../../lang/types';

export type NumberSpec = Extract<ParamSpec, { type: 'number' }>;

export const INT_DIGITS = 9;
export const FRAC_DIGITS = 6;

const PREFIX_RE = /^-?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?$/;
const COMPLETE_RE = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** `x · scale` as a grid count, rounded towards the inside of the range (`up` for a minimum). */
function toGrid(x: number, scale: number, up: boolean): number {
  const v = x * scale;
  const r = Math.round(v);
  if (Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(v))) return r;
  return up ? Math.ceil(v) : Math.floor(v);
}

interface Grid {
  scale: number;
  lo: number;
  hi: number;
}

const grids = new WeakMap<NumberSpec, Grid>();
function gridOf(spec: NumberSpec): Grid {
  let g = grids.get(spec);
  if (!g) {
    const scale = spec.integer ? 1 : 10 ** FRAC_DIGITS;
    const bound = 10 ** INT_DIGITS * scale;
    g = {
      scale,
      lo: spec.min === undefined ? -bound : toGrid(spec.min, scale, true),
      hi: spec.max === undefined ? bound : toGrid(spec.max, scale, false),
    };
    grids.set(spec, g);
  }
  return g;
}

/** Whether `text` is the start of a constrained number literal that can still end inside the parameter's range. */
export function numberPrefixOk(text: string, spec: NumberSpec): boolean {
  if (!PREFIX_RE.test(text)) return false;
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  if (int.length > INT_DIGITS || frac.length > FRAC_DIGITS || (spec.integer && dot >= 0) || (dot >= 0 && !int)) return false;
  const g = gridOf(spec);
  if (negative && g.lo >= 0) return false; // "-0" would be allowed, but is never needed
  if (!int) {
    for (let d = 0; d <= 9; d++) if (numberPrefixOk(`${text}${d}`, spec)) return true;
    return false;
  }
  const hits = (a: number, b: number) => {
    const [lo, hi] = negative ? [-b, -a] : [a, b];
    return lo <= g.hi && hi >= g.lo;
  };
  const whole = Number(int);
  if (dot >= 0) {
    const step = 10 ** (FRAC_DIGITS - frac.length);
    const base = whole * g.scale + Number(frac || '0') * step;
    return hits(base, base + step - 1);
  }
  // k more integer digits (none after a leading 0), then (non-integers) any fraction.
  const more = int === '0' ? 0 : INT_DIGITS - int.length;
  for (let k = 0; k <= more; k++) {
    const p = 10 ** k;
    if (hits(whole * p * g.scale, (whole * p + p) * g.scale - 1)) return true;
  }
  return false;
}

/** Whether `text` is a whole constrained literal whose value the parameter accepts (the checker's own test). */
export function numberComplete(text: string, spec: NumberSpec): boolean {
  if (!COMPLETE_RE.test(text) || !numberPrefixOk(text, spec)) return false;
  const g = gridOf(spec);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const count = (Number(int) * g.scale + (frac ? Number(frac.padEnd(FRAC_DIGITS, '0')) : 0)) * (negative ? -1 : 1);
  return count >= g.lo && count <= g.hi && paramProblem(spec, Number(text) + 0) === undefined;
}

const NUMBER_CHARS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.'];

/** A short way to finish `text` as an accepted number (digits first, so small values come out). */
export function finishNumber(text: string, spec: NumberSpec): string {
  let out = '';
  while (!numberComplete(text + out, spec)) {
    const c = NUMBER_CHARS.find((ch) => numberPrefixOk(text + out + ch, spec));
    if (c === undefined) throw new Error(`no number completes '${text + out}' for ${spec.name}`);
    out += c;
  }
  return out;
}
