/**
 * Device acquisition that works wherever a `GPU` object exists: `navigator.gpu` in a page or worker,
 * or the `webgpu` npm package (Dawn) in Node.
 *
 * Example:
 *   const { device, summary } = await acquireDevice(navigator.gpu);
 */
import { OPTIONAL_FEATURES, LIMITS_OF_INTEREST, summarizeAdapter, type AdapterSummary } from './adapter-info';

export type UnavailableReason = 'no-webgpu' | 'insecure-context' | 'no-adapter' | 'device-failed';

/** Why WebGPU cannot be used here; the UI turns `reason` into advice. */
export class WebGpuUnavailableError extends Error {
  constructor(
    readonly reason: UnavailableReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebGpuUnavailableError';
  }
}

export interface AcquiredDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  summary: AdapterSummary;
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /** Whether the caller runs in a secure context (pages/workers); used only to explain a missing `gpu`. */
  isSecureContext?: boolean;
}

export async function acquireDevice(gpu: GPU | undefined, opts: AcquireOptions = {}): Promise<AcquiredDevice> {
  if (!gpu) {
    if (opts.isSecureContext === false) {
      throw new WebGpuUnavailableError(
        'insecure-context',
        'WebGPU needs a secure context: open the playground over https:// or from localhost.',
      );
    }
    throw new WebGpuUnavailableError('no-webgpu', 'This browser does not expose WebGPU (navigator.gpu is missing).');
  }
  const adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  if (!adapter) {
    throw new WebGpuUnavailableError(
      'no-adapter',
      'WebGPU is present but no GPU adapter was found (navigator.gpu.requestAdapter() returned null).',
    );
  }
  // Ask for optional features only when the adapter has them, and for the adapter's own limits,
  // so kernels can use large buffers and all of workgroup memory.
  const requiredFeatures = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f));
  const requiredLimits: Record<string, number> = {};
  for (const name of LIMITS_OF_INTEREST) requiredLimits[name] = Number(adapter.limits[name]);
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures, requiredLimits, label: 'playground device' });
  } catch (e) {
    throw new WebGpuUnavailableError('device-failed', `The GPU adapter refused to create a device: ${String(e)}`);
  }
  return { adapter, device, summary: summarizeAdapter(adapter) };
}
