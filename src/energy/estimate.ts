/**
 * Energy of one GPU job from its measured time: E = t_gpu × P, always as a band [t × P_low, t × P_high],
 * beside the paper's theoretical estimate E_ideal = TDP ÷ peak FLOPS × FLOPs (Fernandez et al. 2025 §4.1,
 * which assumes peak throughput at full rated power, so it is a lower bound) and the ratio between the two.
 *
 * Example:
 *   const cls = powerClassFor(null, { kind: 'model', id: 'nvidia-rtx-a6000' }); // 150-240 W, 300 W TDP, 38.71 TFLOPS
 *   estimateEnergy({ gpuMs: 1000, flops: 1e12, powerClass: cls });
 *   // { joules: 195, low: 150, high: 240, watts: 195, theoreticalJoules: 7.75, ratio: 25.2 }
 */
import type { PowerClass } from './power-classes';

export interface EnergyInput {
  /** Measured GPU time in milliseconds. */
  gpuMs: number;
  /** FLOPs the job did, when known. */
  flops?: number;
  powerClass: PowerClass;
}

export interface EnergyEstimate {
  /** Central estimate in joules (t × the middle of the power band). */
  joules: number;
  low: number;
  high: number;
  /** The central power in watts. */
  watts: number;
  /** TDP ÷ peak FLOPS × FLOPs; absent without FLOPs or without a public peak FLOPS figure. */
  theoreticalJoules?: number;
  /** joules ÷ theoreticalJoules: how far the measured estimate is above the ideal. */
  ratio?: number;
}

export function estimateEnergy({ gpuMs, flops, powerClass }: EnergyInput): EnergyEstimate {
  if (!Number.isFinite(gpuMs) || gpuMs < 0) throw new RangeError(`gpuMs: ${gpuMs} is not a non-negative time in milliseconds`);
  const s = gpuMs / 1000;
  const out: EnergyEstimate = {
    joules: s * powerClass.watts,
    low: s * powerClass.wattsLow,
    high: s * powerClass.wattsHigh,
    watts: powerClass.watts,
  };
  if (flops !== undefined && Number.isFinite(flops) && flops > 0 && powerClass.peakFlops) {
    out.theoreticalJoules = (powerClass.tdpW / powerClass.peakFlops) * flops;
    out.ratio = out.joules / out.theoreticalJoules;
  }
  return out;
}

/** Joules to watt-hours. */
export const toWh = (joules: number) => joules / 3600;

/** Grams of CO2-equivalent for `joules` of electricity at `gPerKWh` grid intensity. */
export const toGCo2e = (joules: number, gPerKWh: number) => (joules / 3.6e6) * gPerKWh;

const SI = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
] as const;

/** "12.3 mJ", "4.56 J", "1.20 kWh"…: three significant digits with an SI prefix. */
export function formatSi(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `— ${unit}`;
  if (value === 0) return `0 ${unit}`;
  const [scale, prefix] = SI.find(([k]) => Math.abs(value) >= k) ?? SI[SI.length - 1];
  return `${(value / scale).toPrecision(3)} ${prefix}${unit}`;
}

/** A band as text, e.g. "7.50–100 mJ". */
export function formatBand(low: number, high: number, unit: string): string {
  return `${formatSi(low, unit)} – ${formatSi(high, unit)}`;
}

/** An energy band for a job priced with one power class: what a benchmark result carries. */
export interface PricedEnergy {
  joules: number;
  low: number;
  high: number;
  watts: number;
  theoreticalJoules?: number;
  powerClass: string;
}

/**
 * A pricer for GPU work under one power class, for features that report energy without depending on this
 * module (the attention bench receives it from its host).
 *
 * Example:
 *   const price = energyPricer(powerClassFor(ctx.summary));
 *   price(12.5, 2.1e9); // { joules, low, high, watts, theoreticalJoules, powerClass }
 */
export function energyPricer(powerClass: PowerClass): (gpuMs: number, flops: number) => PricedEnergy {
  return (gpuMs, flops) => {
    const e = estimateEnergy({ gpuMs, flops, powerClass });
    return {
      joules: e.joules,
      low: e.low,
      high: e.high,
      watts: e.watts,
      theoreticalJoules: e.theoreticalJoules,
      powerClass: powerClass.name,
    };
  };
}
