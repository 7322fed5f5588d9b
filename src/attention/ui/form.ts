/**
 * The Attention tab's shape form as text fields, turned into a shape. Only the syntax is checked here
 * (whole numbers); whether the kernels accept the shape (H a multiple of KVH, D, this GPU's limits) is
 * the kernels' own check, whose message the tab shows unchanged.
 *
 * Example:
 *   shapeFromForm({ B: '1', H: '4', KVH: '2', Sq: '128', Skv: '128', D: '64', causal: true });
 *   // { B: 1, H: 4, KVH: 2, Sq: 128, Skv: 128, D: 64, causal: true }
 *   shapeFromForm({ ...form, H: 'four' }); // throws Error('H: "four" is not a positive whole number')
 */
import type { BenchShape } from '../bench/shape';

export type ShapeForm = Record<'B' | 'H' | 'KVH' | 'Sq' | 'Skv' | 'D', string> & { causal: boolean };

export const FORM_FIELDS = ['B', 'H', 'KVH', 'Sq', 'Skv', 'D'] as const;

export const FIELD_HELP: Record<(typeof FORM_FIELDS)[number], string> = {
  B: 'batch',
  H: 'query heads',
  KVH: 'key/value heads (H must be a multiple)',
  Sq: 'query length (1 = decode)',
  Skv: 'key/value length',
  D: 'head dimension (multiple of 4)',
};

export function formFromShape(s: BenchShape): ShapeForm {
  return { B: String(s.B), H: String(s.H), KVH: String(s.KVH), Sq: String(s.Sq), Skv: String(s.Skv), D: String(s.D), causal: s.causal };
}

export function shapeFromForm(f: ShapeForm): BenchShape {
  const num = (key: (typeof FORM_FIELDS)[number]) => {
    const text = f[key].trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${key}: "${f[key]}" is not a positive whole number`);
    return n;
  };
  return { B: num('B'), H: num('H'), KVH: num('KVH'), Sq: num('Sq'), Skv: num('Skv'), D: num('D'), causal: f.causal };
}

/** Compression as typed: a number ≥ 1 (1 = dense); the mask builders say so again if not. */
export function compressionFromText(text: string): number {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n) || n < 1)
    throw new Error(`compression: "${text}" must be a number ≥ 1 (8 keeps 1/8 of the blocks)`);
  return n;
}
