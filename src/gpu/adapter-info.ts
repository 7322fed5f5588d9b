/**
 * What the playground needs to know about a GPU adapter, as plain data that can cross a worker boundary.
 *
 * Example:
 *   const adapter = await navigator.gpu.requestAdapter();
 *   const summary = summarizeAdapter(adapter!);
 *   // { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, features: { 'shader-f16': false, ... } }
 */

/** Optional features that change which kernels can run; requested only when the adapter has them. */
export const OPTIONAL_FEATURES = ['shader-f16', 'subgroups', 'timestamp-query'] as const;
export type OptionalFeature = (typeof OPTIONAL_FEATURES)[number];

/** Limits the kernels check before dispatch. */
export const LIMITS_OF_INTEREST = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
] as const;
export type LimitName = (typeof LIMITS_OF_INTEREST)[number];

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters such as SwiftShader: timings then say little about real GPUs. */
  isFallbackAdapter: boolean;
  features: Record<OptionalFeature, boolean>;
  allFeatures: string[];
  limits: Record<LimitName, number>;
  subgroupMinSize?: number;
  subgroupMaxSize?: number;
}

export function summarizeAdapter(adapter: GPUAdapter): AdapterSummary {
  const info = adapter.info as GPUAdapterInfo & {
    isFallbackAdapter?: boolean;
    subgroupMinSize?: number;
    subgroupMaxSize?: number;
  };
  // Older browsers put the fallback flag on the adapter itself.
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const features = Object.fromEntries(OPTIONAL_FEATURES.map((f) => [f, adapter.features.has(f)])) as Record<OptionalFeature, boolean>;
  const limits = Object.fromEntries(LIMITS_OF_INTEREST.map((l) => [l, Number(adapter.limits[l])])) as Record<LimitName, number>;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback ?? false),
    features,
    allFeatures: [...adapter.features].map(String).sort(),
    limits,
    subgroupMinSize: info.subgroupMinSize,
    subgroupMaxSize: info.subgroupMaxSize,
  };
}

/** One line for headers and logs, e.g. "google swiftshader (software fallback)". */
export function adapterLabel(s: AdapterSummary): string {
  const name = [s.vendor, s.architecture, s.description].filter(Boolean).join(' ') || 'unknown GPU';
  return s.isFallbackAdapter ? `${name} (software fallback)` : name;
}
