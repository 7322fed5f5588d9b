/**
 * The lab's results as chart series: for one phase (prefill or decode), one line per sparse method and context
 * length, accuracy against compression starting from the dense run at 1×, plus the cost it paid — the share of attention blocks computed (prefill) or KV pages
 * read (decode) — as a dashed line on a second axis. Plain data, tested in Node; LabChart.svelte draws it.
 *
 * Example:
 *   labSeries(results, 'decode'); // [{ label: 'quest · 512', kind: 'accuracy', points: [{ x: 1, y: 0.9 }, …] }, …]
 */
import type { LabResult } from '../lab';

export interface LabSeries {
  label: string;
  kind: 'accuracy' | 'cost';
  points: { x: number; y: number }[];
}

export function labSeries(results: readonly LabResult[], phase: LabResult['phase']): LabSeries[] {
  const rows = results.filter((r) => r.phase === phase);
  // The dense run is every sparse line's starting point (compression 1) rather than a line of its own.
  const dense = new Map(rows.filter((r) => r.method === 'dense').map((r) => [r.length, r]));
  const sparse = rows.filter((r) => r.method !== 'dense');
  const groups = new Map<string, LabResult[]>();
  for (const r of sparse.length ? sparse : rows) {
    const key = `${r.method} · ${r.length}`;
    const baseline = dense.get(r.length);
    groups.set(key, [...(groups.get(key) ?? (baseline && r !== baseline ? [baseline] : [])), r]);
  }
  return [...groups].flatMap(([label, rows]) => {
    const sorted = [...rows].sort((a, b) => a.compression - b.compression);
    return [
      { label, kind: 'accuracy' as const, points: sorted.map((r) => ({ x: r.compression, y: r.accuracy })) },
      {
        label: `${label} (${phase === 'prefill' ? 'blocks computed' : 'pages read'})`,
        kind: 'cost' as const,
        points: sorted.map((r) => ({ x: r.compression, y: r.density })),
      },
    ];
  });
}
