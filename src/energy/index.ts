/**
 * The energy model, for every feature and for `npm run bench`:
 *   - `powerClassFor(adapterSummary, userChoice?)` picks a power band from the adapter (or the user's choice);
 *   - `estimateEnergy({ gpuMs, flops?, powerClass })` returns { joules, low, high, watts, theoreticalJoules?, ratio? };
 *   - `reportGpuJob(...)` (jobs.ts) tells the header meter about a GPU job timed outside `startTiming`.
 *
 * Example (a benchmark result gains `energy`):
 *   import { estimateEnergy, powerClassFor } from '../energy';
 *   const cls = powerClassFor(ctx.summary);
 *   const { joules, low, high, watts, theoreticalJoules } = estimateEnergy({ gpuMs: 12.5, flops: 2.1e9, powerClass: cls });
 *   result.energy = { joules, low, high, watts, theoreticalJoules };
 */
export {
  estimateEnergy,
  energyPricer,
  toWh,
  toGCo2e,
  formatSi,
  formatBand,
  type EnergyInput,
  type EnergyEstimate,
  type PricedEnergy,
} from './estimate';
export {
  powerClassFor,
  checkCustomWatts,
  checkGridIntensity,
  softwareClass,
  defaultClass,
  GPU_MODELS,
  ACTIVE_FRACTION,
  DEFAULT_GRID_G_PER_KWH,
  GRID_SOURCE,
  type PowerClass,
  type PowerChoice,
  type AdapterIdentity,
  type GpuModelEntry,
} from './power-classes';
export { reportGpuJob, subscribeGpuJobs, meterGpuTimings, GPU_JOBS_CHANNEL, type GpuJob, type GpuJobReport } from './jobs';
