export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}
export interface BundleMeasure {
  files: BundleFile[];
  initialJsBytes: number;
  initialJsGzipBytes: number;
  /** dist/ without the Python runtime (dist/pyodide/) */
  distBytes: number;
  pythonRuntimeBytes: number;
  totalBytes: number;
  budget: { initialJsGzipBytes: number; distBytes: number; pythonRuntimeBytes: number };
  problems: string[];
}
export const PYTHON_RUNTIME_DIR: string;
export const BUDGET: { initialJsGzipBytes: number; distBytes: number; pythonRuntimeBytes: number };
export function eagerScripts(html: string): string[];
export function measureBundle(dist: string): BundleMeasure;
