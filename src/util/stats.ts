/**
 * The project's one median: the middle value, or the mean of the two middle values for an even count
 * (so [1, 2, 3, 4] → 2.5, as in numpy and the papers' tables); NaN for no values. The input is not changed.
 *
 * Example:
 *   median([3, 1, 2]);     // 2
 *   median([4, 1, 3, 2]);  // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The q-quantile (0…1) of `values` by the nearest rank below (bench tables: p90); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
