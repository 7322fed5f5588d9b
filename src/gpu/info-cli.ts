/**
 * `npm run gpu-info`: prints the WebGPU adapter that Node (Dawn) finds on this machine, as JSON.
 * The benchmarks' `--runtime node` uses the same adapter.
 */
import { nodeGpu } from './node-gpu';
import { GpuContext } from './context';

export async function main(): Promise<number> {
  try {
    const ctx = await GpuContext.create(await nodeGpu());
    console.log(JSON.stringify(ctx.summary, null, 2));
    ctx.close();
    return 0;
  } catch (e) {
    console.error(`No WebGPU adapter in Node: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
