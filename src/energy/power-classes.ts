/**
 * Power classes: how many watts a GPU draws while it works, as a band [low, high], from the public figures
 * in gpu-power.json. The adapter can only be identified coarsely (GPUAdapterInfo gives vendor, architecture
 * and a fallback flag, see kernels-and-energy.md B3), so an automatic class spans every listed model of that
 * architecture or vendor, and the band is wide. The user can pick a model or type a board power instead.
 *
 * Example:
 *   powerClassFor({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true });
 *   // { id: 'cpu-software', wattsLow: 7.5, wattsHigh: 100, ... }
 *   powerClassFor(summary, { kind: 'model', id: 'nvidia-rtx-4090' }); // 225-360 W
 *   powerClassFor(summary, { kind: 'custom', watts: 150 });          // 75-120 W
 */
import data from './gpu-power.json';
import { median } from '../util/stats';

export interface GpuModelEntry {
  id: string;
  name: string;
  vendor: string;
  architecture: string;
  segment: string;
  watts: number;
  powerKind: 'board' | 'package' | 'system-max' | 'assumed';
  peakTflopsF32: number | null;
  source: string;
}

export interface PowerClass {
  id: string;
  name: string;
  /** How the class was chosen: a picked model, typed watts, or identification from the adapter. */
  kind: 'model' | 'custom' | 'architecture' | 'vendor' | 'software' | 'default';
  /** Active power band in watts while the GPU works. */
  wattsLow: number;
  wattsHigh: number;
  /** Central value: the middle of the band. */
  watts: number;
  /** Rated power (TDP/TBP) used by the paper's theoretical estimate. */
  tdpW: number;
  /** Peak FP32 FLOP/s for the theoretical estimate; null when no public figure exists. */
  peakFlops: number | null;
  /** One sentence: which figures and which assumption made this band. */
  basis: string;
  sources: string[];
}

/** What the user chose in the picker; remembered in localStorage. */
export type PowerChoice = { kind: 'auto' } | { kind: 'model'; id: string } | { kind: 'custom'; watts: number };

/** The part of an AdapterSummary this module needs (a missing adapter is `null`). */
export interface AdapterIdentity {
  vendor: string;
  architecture: string;
  isFallbackAdapter: boolean;
}

export const GPU_MODELS: GpuModelEntry[] = data.models as GpuModelEntry[];
export const ACTIVE_FRACTION = { low: data.activeFraction.low, high: data.activeFraction.high, why: data.activeFraction.why };
export const DEFAULT_GRID_G_PER_KWH = data.gridIntensity.defaultGCo2PerKWh;
export const GRID_SOURCE = data.gridIntensity.source;

/** Limits for typed watts: below a phone GPU or above any single GPU board is a typo, not a GPU. */
export const CUSTOM_WATTS_RANGE = { min: 1, max: 1500 } as const;
export const GRID_RANGE = { min: 1, max: 2000 } as const;

const SOFTWARE = data.softwareClass;
const DEFAULT = data.defaultClass;
const SOFTWARE_ARCHITECTURES = new Set(['swiftshader', 'warp', 'software', 'llvmpipe', 'lavapipe']);
const DEFAULT_FRACTION = { low: 0.25, high: 1.0 };

const mid = (lo: number, hi: number) => (lo + hi) / 2;

function fromModel(m: GpuModelEntry): PowerClass {
  const lo = ACTIVE_FRACTION.low * m.watts;
  const hi = ACTIVE_FRACTION.high * m.watts;
  return {
    id: m.id,
    name: m.name,
    kind: 'model',
    wattsLow: lo,
    wattsHigh: hi,
    watts: mid(lo, hi),
    tdpW: m.watts,
    peakFlops: m.peakTflopsF32 === null ? null : m.peakTflopsF32 * 1e12,
    basis: `${ACTIVE_FRACTION.low}-${ACTIVE_FRACTION.high} × ${m.watts} W (${m.powerKind} power of ${m.name})`,
    sources: [m.source],
  };
}

/** A class spanning several models: the lowest model's low end to the highest model's high end. */
function fromGroup(id: string, name: string, kind: 'architecture' | 'vendor', models: GpuModelEntry[]): PowerClass {
  const watts = models.map((m) => m.watts);
  const lo = ACTIVE_FRACTION.low * Math.min(...watts);
  const hi = ACTIVE_FRACTION.high * Math.max(...watts);
  // The theoretical estimate needs one TDP/FLOPS ratio: the median joules-per-FLOP of the group's models.
  const withPeak = models.filter((m) => m.peakTflopsF32 !== null);
  const tdpW = median(watts);
  const jPerFlop = withPeak.length ? median(withPeak.map((m) => m.watts / (m.peakTflopsF32! * 1e12))) : null;
  return {
    id,
    name,
    kind,
    wattsLow: lo,
    wattsHigh: hi,
    watts: mid(lo, hi),
    tdpW,
    peakFlops: jPerFlop === null ? null : tdpW / jPerFlop,
    basis: `${ACTIVE_FRACTION.low} × the lowest to ${ACTIVE_FRACTION.high} × the highest rated power of ${models.length} listed ${name} GPUs (${Math.min(...watts)}-${Math.max(...watts)} W): only ${kind === 'vendor' ? 'the vendor' : 'vendor and architecture'} are known`,
    sources: models.map((m) => m.source),
  };
}

export function softwareClass(): PowerClass {
  const [minW, maxW] = SOFTWARE.wattsRange;
  const lo = ACTIVE_FRACTION.low * minW;
  const hi = ACTIVE_FRACTION.high * maxW;
  return {
    id: SOFTWARE.id,
    name: SOFTWARE.name,
    kind: 'software',
    wattsLow: lo,
    wattsHigh: hi,
    watts: mid(lo, hi),
    tdpW: SOFTWARE.watts,
    peakFlops: SOFTWARE.peakTflopsF32 * 1e12,
    basis: `${ACTIVE_FRACTION.low} × ${minW} W to ${ACTIVE_FRACTION.high} × ${maxW} W: a software adapter runs on the CPU, rated ${minW}-${maxW} W`,
    sources: [SOFTWARE.source],
  };
}

export function defaultClass(): PowerClass {
  const lo = DEFAULT_FRACTION.low * DEFAULT.watts;
  const hi = DEFAULT_FRACTION.high * DEFAULT.watts;
  return {
    id: DEFAULT.id,
    name: DEFAULT.name,
    kind: 'default',
    wattsLow: lo,
    wattsHigh: hi,
    watts: mid(lo, hi),
    tdpW: DEFAULT.watts,
    peakFlops: null,
    basis: `${DEFAULT_FRACTION.low}-${DEFAULT_FRACTION.high} × ${DEFAULT.watts} W: the GPU could not be identified`,
    sources: [DEFAULT.source],
  };
}

/** Refuses typed watts that cannot be a GPU's power; returns the number or a message saying why. */
export function checkCustomWatts(value: unknown): { ok: true; watts: number } | { ok: false; message: string } {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : Number(value);
  if (!Number.isFinite(n)) return { ok: false, message: `Custom power: "${String(value)}" is not a number of watts.` };
  if (n <= 0) return { ok: false, message: `Custom power: ${n} W is not positive; a working GPU draws power.` };
  if (n < CUSTOM_WATTS_RANGE.min || n > CUSTOM_WATTS_RANGE.max) {
    return {
      ok: false,
      message: `Custom power: ${n} W is outside ${CUSTOM_WATTS_RANGE.min}-${CUSTOM_WATTS_RANGE.max} W (from a phone GPU to more than any single GPU board).`,
    };
  }
  return { ok: true, watts: n };
}

/** Refuses a grid carbon intensity that no electricity grid has. */
export function checkGridIntensity(value: unknown): { ok: true; gPerKWh: number } | { ok: false; message: string } {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : Number(value);
  if (!Number.isFinite(n)) return { ok: false, message: `Grid intensity: "${String(value)}" is not a number of gCO2e/kWh.` };
  if (n <= 0)
    return {
      ok: false,
      message: `Grid intensity: ${n} gCO2e/kWh is not positive; every grid emits some CO2e per kWh over its life cycle.`,
    };
  if (n < GRID_RANGE.min || n > GRID_RANGE.max) {
    return {
      ok: false,
      message: `Grid intensity: ${n} gCO2e/kWh is outside ${GRID_RANGE.min}-${GRID_RANGE.max} (coal-only grids are about 1000).`,
    };
  }
  return { ok: true, gPerKWh: n };
}

/**
 * The power class for this adapter, or for the user's choice. A missing or unknown adapter falls back to the
 * stated default class (200 W 'Any' GPU, band 50-200 W); a software/fallback adapter gets the CPU class.
 * A bad custom value throws (check it first with `checkCustomWatts`); an unknown model id falls back to auto.
 */
export function powerClassFor(adapter: AdapterIdentity | null | undefined, choice: PowerChoice = { kind: 'auto' }): PowerClass {
  if (choice.kind === 'custom') {
    const c = checkCustomWatts(choice.watts);
    if (!c.ok) throw new RangeError(c.message);
    const lo = ACTIVE_FRACTION.low * c.watts;
    const hi = ACTIVE_FRACTION.high * c.watts;
    return {
      id: 'custom',
      name: `Custom ${c.watts} W`,
      kind: 'custom',
      wattsLow: lo,
      wattsHigh: hi,
      watts: mid(lo, hi),
      tdpW: c.watts,
      peakFlops: null,
      basis: `${ACTIVE_FRACTION.low}-${ACTIVE_FRACTION.high} × the ${c.watts} W you typed`,
      sources: ['typed by you'],
    };
  }
  if (choice.kind === 'model') {
    const m = GPU_MODELS.find((x) => x.id === choice.id);
    if (m) return fromModel(m);
  }
  if (!adapter) return defaultClass();
  const vendor = adapter.vendor.toLowerCase();
  const arch = adapter.architecture.toLowerCase();
  if (adapter.isFallbackAdapter || SOFTWARE_ARCHITECTURES.has(arch) || (vendor === 'mesa' && arch === 'software')) return softwareClass();
  const sameVendor = GPU_MODELS.filter((m) => m.vendor === vendor);
  const sameArch = arch ? sameVendor.filter((m) => m.architecture === arch) : [];
  if (sameArch.length) return fromGroup(`${vendor}/${arch}`, `${vendor} ${arch}`, 'architecture', sameArch);
  if (sameVendor.length) return fromGroup(vendor, vendor, 'vendor', sameVendor);
  return defaultClass();
}
