/**
 * Results that cross the worker boundary. Thrown errors lose their fields when comlink clones them,
 * so worker methods return an `Outcome` whose error keeps what the UI needs to point at the problem.
 */
import { ShaderCompileError, type ShaderDiagnostic } from '../gpu/compile';

export interface WorkerError {
  name: string;
  message: string;
  /** Shader diagnostics with line and column, when the error came from compiling WGSL. */
  diagnostics?: ShaderDiagnostic[];
  /** An error's `kind` (e.g. LlmError: 'not-found', 'gated', 'network', 'confirm'), so the page can react to it. */
  kind?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WorkerError };

export function toWorkerError(e: unknown): WorkerError {
  if (e instanceof ShaderCompileError) return { name: e.name, message: e.message, diagnostics: e.diagnostics };
  if (e instanceof Error) {
    const kind = (e as { kind?: unknown }).kind;
    return typeof kind === 'string' ? { name: e.name, message: e.message, kind } : { name: e.name, message: e.message };
  }
  return { name: 'Error', message: String(e) };
}

export async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toWorkerError(e) };
  }
}
