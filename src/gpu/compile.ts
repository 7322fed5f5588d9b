/**
 * Shader compilation with located errors. Every module and pipeline is created inside a validation
 * error scope, so a bad shader becomes a `ShaderCompileError` naming line and column instead of an
 * uncaptured device error.
 *
 * Example:
 *   try { await createComputePipeline(device, { code: 'fn main( {', label: 'demo' }); }
 *   catch (e) { if (e instanceof ShaderCompileError) console.log(e.message); } // "demo:1:10: error: ..."
 * A module assembled from files (wgsl.ts) passes its line `origins`; errors then name the file and line the
 * offending text came from: "shaders/common/reduce.wgsl:12:5: error: ... (in lm/norm.wgsl)".
 */
import type { LineOrigin } from './wgsl';

export interface ShaderDiagnostic {
  severity: GPUCompilationMessageType;
  message: string;
  /** The source file (under shaders/) when the module was assembled from files; absent for generated lines. */
  file?: string;
  /** 1-based, in `file` when given, else in the compiled text; 0 when the compiler gave no position. */
  line: number;
  column: number;
  /** The offending source line, to show under the message. */
  lineText: string;
}

export class ShaderCompileError extends Error {
  constructor(
    readonly label: string,
    readonly diagnostics: ShaderDiagnostic[],
    detail?: string,
  ) {
    const first = diagnostics.find((d) => d.severity === 'error');
    const where = first && `${first.file ?? label}:${first.line}:${first.column}`;
    const context = first?.file && first.file !== label ? ` (in ${label})` : '';
    super(first ? `${where}: error: ${first.message}${context}` : `${label}: ${detail ?? 'shader or pipeline creation failed'}`);
    this.name = 'ShaderCompileError';
  }
}

export interface ComputePipelineSpec {
  code: string;
  /** Per line of `code`, where it came from (wgsl.ts assembleWgsl); maps error positions back to the files. */
  origins?: readonly LineOrigin[];
  entryPoint?: string;
  label?: string;
  constants?: Record<string, number>;
}

function toDiagnostics(code: string, info: GPUCompilationInfo, origins?: readonly LineOrigin[]): ShaderDiagnostic[] {
  const lines = code.split('\n');
  return info.messages.map((m) => {
    const d: ShaderDiagnostic = {
      severity: m.type,
      message: m.message,
      line: m.lineNum,
      column: m.linePos,
      lineText: m.lineNum > 0 ? (lines[m.lineNum - 1] ?? '') : '',
    };
    const origin = m.lineNum > 0 ? origins?.[m.lineNum - 1] : undefined;
    return origin?.file ? { ...d, file: origin.file, line: origin.line } : d;
  });
}

export async function compileShader(
  device: GPUDevice,
  code: string,
  label = 'shader',
  origins?: readonly LineOrigin[],
): Promise<GPUShaderModule> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label });
  const [info, scopeError] = await Promise.all([module.getCompilationInfo(), device.popErrorScope()]);
  const diagnostics = toDiagnostics(code, info, origins);
  if (diagnostics.some((d) => d.severity === 'error') || scopeError) {
    throw new ShaderCompileError(label, diagnostics, scopeError?.message);
  }
  return module;
}

export async function createComputePipeline(device: GPUDevice, spec: ComputePipelineSpec): Promise<GPUComputePipeline> {
  const label = spec.label ?? 'compute';
  const module = await compileShader(device, spec.code, label, spec.origins);
  device.pushErrorScope('validation');
  let pipeline: GPUComputePipeline | undefined;
  let thrown: unknown;
  try {
    pipeline = await device.createComputePipelineAsync({
      label,
      layout: 'auto',
      compute: { module, entryPoint: spec.entryPoint ?? 'main', constants: spec.constants },
    });
  } catch (e) {
    thrown = e;
  }
  const scopeError = await device.popErrorScope();
  if (!pipeline || scopeError) {
    const why = scopeError?.message ?? (thrown instanceof Error ? thrown.message : String(thrown));
    throw new ShaderCompileError(label, [], why);
  }
  return pipeline;
}

/** Pipelines keyed by source, entry point and constants; cleared when the device is replaced. */
export class PipelineCache {
  private pipelines = new Map<string, Promise<GPUComputePipeline>>();

  get(device: GPUDevice, spec: ComputePipelineSpec): Promise<GPUComputePipeline> {
    const key = JSON.stringify([spec.code, spec.entryPoint ?? 'main', spec.constants ?? {}]);
    let p = this.pipelines.get(key);
    if (!p) {
      p = createComputePipeline(device, spec);
      // A failed compile is not cached: the user may fix the source and retry.
      p.catch(() => this.pipelines.delete(key));
      this.pipelines.set(key, p);
    }
    return p;
  }

  get size(): number {
    return this.pipelines.size;
  }

  clear(): void {
    this.pipelines.clear();
  }
}
