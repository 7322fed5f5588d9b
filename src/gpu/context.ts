/**
 * The one owner of a GPUDevice. Recovers from device loss by acquiring a new device and telling its
 * listener; holds the pipeline cache. Callers read `ctx.device` on every job, never keep it,
 * because it changes after a loss.
 *
 * Example (Node, through Dawn):
 *   import { create, globals } from 'webgpu'; Object.assign(globalThis, globals);
 *   const ctx = await GpuContext.create(create([]));
 *   const pipeline = await ctx.pipeline({ code, label: 'my kernel' });
 */
import { acquireDevice, type AcquireOptions } from './device';
import type { AdapterSummary } from './adapter-info';
import { PipelineCache, type ComputePipelineSpec } from './compile';

export type GpuEvent =
  | { type: 'device-lost'; reason: string; message: string }
  | { type: 'device-restored'; summary: AdapterSummary; recoveries: number }
  | { type: 'device-unrecoverable'; message: string }
  | { type: 'uncaptured-error'; message: string };

/** How features reach the current context (the device changes after a loss, so they never keep it). */
export type GpuContextGetter = () => GpuContext;

export class GpuContext {
  device!: GPUDevice;
  summary!: AdapterSummary;
  /** How many times a lost device has been replaced. */
  recoveries = 0;
  readonly pipelines = new PipelineCache();
  private closed = false;

  private constructor(
    private readonly gpu: GPU | undefined,
    private readonly opts: AcquireOptions,
    private readonly onEvent: (e: GpuEvent) => void,
  ) {}

  static async create(gpu: GPU | undefined, onEvent: (e: GpuEvent) => void = () => {}, opts: AcquireOptions = {}) {
    const ctx = new GpuContext(gpu, opts, onEvent);
    await ctx.acquire();
    return ctx;
  }

  get features(): ReadonlySet<string> {
    return this.device.features as ReadonlySet<string>;
  }

  pipeline(spec: ComputePipelineSpec): Promise<GPUComputePipeline> {
    return this.pipelines.get(this.device, spec);
  }

  /** Destroys the device on purpose; `device.lost` then triggers recovery as for a real loss. */
  simulateLoss(): void {
    this.device.destroy();
  }

  /** Stops recovery and releases the device (tests, Node scripts). */
  close(): void {
    this.closed = true;
    this.device.destroy();
  }

  private async acquire(): Promise<void> {
    const { device, summary } = await acquireDevice(this.gpu, this.opts);
    this.device = device;
    this.summary = summary;
    this.pipelines.clear();
    device.addEventListener('uncapturederror', (ev) => {
      this.onEvent({ type: 'uncaptured-error', message: (ev as GPUUncapturedErrorEvent).error.message });
    });
    void device.lost.then((info) => this.recover(device, info));
  }

  private async recover(lostDevice: GPUDevice, info: GPUDeviceLostInfo): Promise<void> {
    if (this.closed || lostDevice !== this.device) return;
    this.onEvent({ type: 'device-lost', reason: String(info.reason), message: info.message || 'no message' });
    try {
      await this.acquire();
      this.recoveries++;
      this.onEvent({ type: 'device-restored', summary: this.summary, recoveries: this.recoveries });
    } catch (e) {
      this.onEvent({ type: 'device-unrecoverable', message: e instanceof Error ? e.message : String(e) });
    }
  }
}
