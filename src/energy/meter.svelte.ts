/**
 * The live meter's rune store: listens to every GPU job reported on the app's channel (src/energy/jobs.ts),
 * adds them up in a JobLedger, and publishes a snapshot to the UI every 200 ms while reports arrive
 * (5 updates per second), so a burst of thousands of jobs costs the page five renders a second, not thousands.
 * It stops ticking after a few idle seconds.
 *
 * Example:
 *   import { meter, startMeter } from './meter.svelte';
 *   startMeter();            // once, from the header
 *   meter.snapshot.totalMs;  // GPU milliseconds of all work so far
 */
import { subscribeGpuJobs } from './jobs';
import { JobLedger, type LedgerSnapshot } from './ledger';

export const METER_TICK_MS = 200;
const IDLE_TICKS_BEFORE_STOP = 25;

const ledger = new JobLedger();
export const meter = $state<{ snapshot: LedgerSnapshot; updates: number }>({ snapshot: ledger.snapshot(), updates: 0 });

let timer: ReturnType<typeof setInterval> | undefined;
let dirty = false;
let idleTicks = 0;
let started = false;

function tick(): void {
  ledger.tick();
  if (dirty) {
    idleTicks = 0;
    dirty = false;
  } else if (++idleTicks > IDLE_TICKS_BEFORE_STOP) {
    clearInterval(timer);
    timer = undefined;
  }
  meter.snapshot = ledger.snapshot();
  meter.updates += 1;
}

/** Starts listening (idempotent). */
export function startMeter(): void {
  if (started) return;
  started = true;
  subscribeGpuJobs((r) => {
    ledger.add(r);
    dirty = true;
    timer ??= setInterval(tick, METER_TICK_MS);
  });
}
