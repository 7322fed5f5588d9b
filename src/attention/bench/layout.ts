/**
 * Tensor layout helpers shared by the peers. Our kernels and the JS reference use [B, heads, S, D]
 * ("BHSD", contiguous); ORT's MultiHeadAttention wants [B, S, H·D] ("BSHD") and has no grouped-query heads.
 *
 * Example:
 *   const k4 = repeatKvHeads(k, { B: 1, KVH: 2, S: 3, D: 8 }, 2); // [1,2,3,8] → [1,4,3,8]
 *   const bshd = bhsdToBshd(q, { B: 1, H: 4, S: 3, D: 8 });
 */

export interface Dims {
  B: number;
  H: number;
  S: number;
  D: number;
}

/** [B, KVH, S, D] → [B, KVH·group, S, D]: query head h reads key/value head ⌊h / group⌋. */
export function repeatKvHeads(x: Float32Array, d: { B: number; KVH: number; S: number; D: number }, group: number): Float32Array {
  if (group === 1) return x;
  const head = d.S * d.D;
  const out = new Float32Array(x.length * group);
  for (let b = 0; b < d.B; b++) {
    for (let kh = 0; kh < d.KVH; kh++) {
      const src = x.subarray((b * d.KVH + kh) * head, (b * d.KVH + kh + 1) * head);
      for (let r = 0; r < group; r++) out.set(src, (b * d.KVH * group + kh * group + r) * head);
    }
  }
  return out;
}

export function bhsdToBshd(x: Float32Array, d: Dims): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < d.B; b++)
    for (let h = 0; h < d.H; h++)
      for (let s = 0; s < d.S; s++) {
        const from = ((b * d.H + h) * d.S + s) * d.D;
        out.set(x.subarray(from, from + d.D), ((b * d.S + s) * d.H + h) * d.D);
      }
  return out;
}

export function bshdToBhsd(x: Float32Array, d: Dims): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < d.B; b++)
    for (let s = 0; s < d.S; s++)
      for (let h = 0; h < d.H; h++) {
        const from = ((b * d.S + s) * d.H + h) * d.D;
        out.set(x.subarray(from, from + d.D), ((b * d.H + h) * d.S + s) * d.D);
      }
  return out;
}
