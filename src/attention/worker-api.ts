/**
 * The Attention tab's methods in the GPU worker (spread into workers/gpu.worker.ts). Every call returns an
 * `Outcome`, so kernel errors (AttentionInputError: bad shape, limits, f16 without shader-f16) reach the
 * form with their message. Long runs report progress through a callback and stop between cases after
 * `attentionCancel()`.
 *
 * Example (page side):
 *   const r = await gpuWorker().attentionSweep(request, Comlink.proxy((p) => (progress = p)));
 *   if (!r.ok) show(r.error.message);
 *   await gpuWorker().attentionCancel();
 */
import { outcome, type Outcome } from '../worker/outcome';
import type { GpuContext, GpuContextGetter } from '../gpu/context';
import { measureCeilings } from './bench/ceilings';
import type { BenchCeilings, BenchReport, KernelResult, PeerResult, SkippedCase } from './bench/report';
import { randomInputs, runCases, runPeers, runSuite, type EnergyPricer, type OrtRunner, type SuiteProgress } from './bench/suite';
import { runSweep, type SweepRequest, type SweepResult } from './bench/sweep';
import type { BenchShape } from './bench/shape';
import { capabilitiesOf, validateShape } from './core';

export interface BenchRequest {
  quick: boolean;
  shapes?: BenchShape[];
}

export interface PeerComparison {
  ours: KernelResult;
  peers: PeerResult[];
  skipped: SkippedCase[];
}

type Progress = (p: SuiteProgress) => void;

/**
 * `priceEnergy(ctx)` gives each result an energy band for the current device (the GPU worker passes
 * src/energy's pricer; attention itself knows nothing of power classes).
 */
export function attentionWorkerApi(getContext: GpuContextGetter, priceEnergy?: (ctx: GpuContext) => EnergyPricer) {
  let stopRequested = false;
  let ceilings: { device: GPUDevice; value: BenchCeilings } | undefined;

  /** Ceilings are measured once per device (they change only with the device). */
  async function ceilingsOf(ctx: GpuContext): Promise<BenchCeilings> {
    if (ceilings?.device !== ctx.device) {
      const c = await measureCeilings(ctx, { targetMs: 10, repeats: 3 });
      ceilings = { device: ctx.device, value: { fmaGflops: c.fmaGflops, copyGBps: c.copyGBps, source: c.fmaSource } };
    }
    return ceilings.value;
  }

  return {
    /** The whole suite ("Benchmark this GPU", and `npm run bench` in Chromium). */
    attentionBench(req: BenchRequest, onProgress?: Progress, ort?: OrtRunner): Promise<Outcome<BenchReport>> {
      stopRequested = false;
      return outcome(() =>
        runSuite(getContext(), {
          runtime: 'browser',
          quick: req.quick,
          shapes: req.shapes,
          ort,
          ortSkipReason: 'no onnxruntime-web worker was given',
          onProgress,
          shouldStop: () => stopRequested,
          priceEnergy: priceEnergy?.(getContext()),
        }),
      );
    },

    /** Dense against one sparse pattern at ¼, ½ and the full length, and the mask for the heatmap. */
    attentionSweep(req: SweepRequest, onProgress?: Progress): Promise<Outcome<SweepResult>> {
      stopRequested = false;
      return outcome(async () => {
        const ctx = getContext();
        onProgress?.({ done: 0, total: 1, label: 'measuring this GPU’s ceilings' });
        return runSweep(ctx, req, await ceilingsOf(ctx), { onProgress, shouldStop: () => stopRequested, priceEnergy: priceEnergy?.(ctx) });
      });
    },

    /** Our dense kernel against the naive WGSL kernel, the JS reference and (with `ort`) onnxruntime-web. */
    attentionPeers(shape: BenchShape, ort?: OrtRunner, onProgress?: Progress): Promise<Outcome<PeerComparison>> {
      stopRequested = false;
      return outcome(async () => {
        const ctx = getContext();
        validateShape(shape, capabilitiesOf(ctx), 'f32');
        const inputs = randomInputs(shape);
        const timing = { warmup: 1, repeats: 3 };
        onProgress?.({ done: 0, total: 2, label: 'our dense kernel' });
        const set = await runCases(
          ctx,
          shape,
          inputs,
          [{ kind: 'dense', dtype: 'f32' }],
          await ceilingsOf(ctx),
          priceEnergy?.(ctx),
          timing,
        );
        // The dense kernel refusing the shape (bad input) is the answer, with the kernel's message.
        if (set.skipped.length) throw new Error(set.skipped[0].reason);
        const ours = set.runs[0].result;
        const report = { peers: [] as PeerResult[], skipped: [] as SkippedCase[] };
        onProgress?.({ done: 1, total: 2, label: 'peers: naive WGSL, JS reference, onnxruntime-web' });
        await runPeers(ctx, shape, inputs, ours, { ort, ortSkipReason: 'no onnxruntime-web worker was given' }, timing, report);
        onProgress?.({ done: 2, total: 2, label: 'done' });
        return { ours, ...report };
      });
    },

    /** Stops the running bench, sweep or comparison after its current case. */
    attentionCancel(): void {
      stopRequested = true;
    },
  };
}
