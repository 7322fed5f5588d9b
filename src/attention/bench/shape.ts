/**
 * The shape of one attention case as the benchmark reports it, its FLOP count, and the text form the
 * CLI's `--shape` flag and the tab's form use.
 *
 * Example:
 *   const shape = parseShape('B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1');
 *   attentionFlops(shape); // 4·1·4·256·256·64 / 2 = 33_554_432
 */
import { attentionFlops, type AttentionShape } from '../core/shape';

/** The kernels' shape (Q [B,H,Sq,D], K/V [B,KVH,Skv,D]); the benchmark reports it as is. */
export type BenchShape = AttentionShape;
export { attentionFlops };

const KEYS = ['B', 'H', 'KVH', 'Sq', 'Skv', 'D', 'causal'] as const;
type Key = (typeof KEYS)[number];

export const DEFAULT_SHAPE: BenchShape = { B: 1, H: 4, KVH: 2, Sq: 256, Skv: 256, D: 64, causal: true };

/**
 * Parses "B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1". Missing keys take `defaults`; KVH defaults to H.
 * Throws an Error naming the bad item. Only the syntax is checked here: whether a kernel supports the
 * shape (D, H % KVH, limits) is the kernel's own check, so its message reaches the user unchanged.
 */
export function parseShape(text: string, defaults: BenchShape = DEFAULT_SHAPE): BenchShape {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`shape "${text}": empty; write e.g. B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1`);
  const given: Partial<Record<Key, number>> = {};
  for (const item of items) {
    const m = /^([A-Za-z]+)\s*=\s*(\S+)$/.exec(item);
    if (!m) throw new Error(`shape "${text}": item "${item}" is not KEY=VALUE`);
    const key = KEYS.find((k) => k.toLowerCase() === m[1].toLowerCase());
    if (!key) throw new Error(`shape "${text}": unknown key "${m[1]}" (known: ${KEYS.join(', ')})`);
    if (key in given) throw new Error(`shape "${text}": ${key} is given twice`);
    const value = key === 'causal' ? parseBool(m[2]) : Number(m[2]);
    if (value === undefined || !Number.isInteger(value) || value < (key === 'causal' ? 0 : 1)) {
      throw new Error(`shape "${text}": ${key}=${m[2]} must be ${key === 'causal' ? '0 or 1' : 'a positive whole number'}`);
    }
    given[key] = value;
  }
  const H = given.H ?? defaults.H;
  return {
    B: given.B ?? defaults.B,
    H,
    KVH: given.KVH ?? (given.H !== undefined ? H : defaults.KVH),
    Sq: given.Sq ?? defaults.Sq,
    Skv: given.Skv ?? defaults.Skv,
    D: given.D ?? defaults.D,
    causal: given.causal !== undefined ? given.causal === 1 : defaults.causal,
  };
}

function parseBool(s: string): number | undefined {
  if (/^(1|true|yes)$/i.test(s)) return 1;
  if (/^(0|false|no)$/i.test(s)) return 0;
  return undefined;
}

export function formatShape(s: BenchShape): string {
  return `B=${s.B},H=${s.H},KVH=${s.KVH},Sq=${s.Sq},Skv=${s.Skv},D=${s.D},causal=${s.causal ? 1 : 0}`;
}
