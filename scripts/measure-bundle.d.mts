export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}
export interface BundleMeasure {
  files: BundleFile[];
  initialJsBytes: number;
  initialJsGzipBytes: number;
  distBytes: number;
  budget: { initialJsGzipBytes: number; distBytes: number };
  problems: string[];
}
export const BUDGET: { initialJsGzipBytes: number; distBytes: number };
export function eagerScripts(html: string): string[];
export function measureBundle(dist: string): BundleMeasure;
