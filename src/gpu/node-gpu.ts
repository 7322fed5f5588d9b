/**
 * WebGPU in Node through the `webgpu` npm package (Dawn), so kernels can be tested and benchmarked
 * on machines with no browser. Node-only: never import this from browser code.
 *
 * Example:
 *   const ctx = await GpuContext.create(await nodeGpu());
 *   ... run kernels with ctx.device ...
 *   ctx.close();
 */
import fs from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let cached: GPU | undefined;

/** Whether this machine has no GPU device nodes, so SwiftShader is the only Vulkan driver worth trying. */
function looksGpuLess(): boolean {
  return !fs.existsSync('/dev/dri') && !fs.readdirSync('/dev').some((f) => f.startsWith('nvidia'));
}

export async function nodeGpu(): Promise<GPU> {
  if (cached) return cached;
  // Vulkan reads the driver list when Dawn creates its instance, so this must happen before create().
  if (!process.env.VK_ICD_FILENAMES && looksGpuLess() && fs.existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  const { create, globals } = await import('webgpu');
  // GPUBufferUsage, GPUMapMode, ... as globals, as in a browser.
  Object.assign(globalThis, globals);
  // Dawn quantises timestamps by default (an anti-fingerprinting measure meant for browsers).
  cached = create(['disable-dawn-features=timestamp_quantization']);
  return cached;
}
