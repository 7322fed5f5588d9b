/**
 * The Node host of the affordance sandbox (bench:rl, unit tests): the same `AffordanceSandbox` interface,
 * watchdog and QuickJS engine as the page, over a worker_thread running `node-sandbox-entry.ts` (with V8 heap
 * limits on the thread as a second fence around the perception library).
 * The entry is bundled once per process with Vite (it imports the TypeScript perception library), into a
 * temporary file. Node-only: never import this from browser code.
 *
 * Example:
 *   const sandbox = await nodeSandbox({ timeLimitMs: 200 });
 *   const [r] = await sandbox.run('function affordances() { for (;;) {} }', [obs]);   // r.error.kind === 'timeout'
 *   sandbox.dispose();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DEFAULT_LIMITS, WatchdogSandbox, type AffordanceSandbox, type SandboxLimits } from './sandbox';
import type { SandboxError } from './program';

/** V8 heap limit of the sandbox thread (programs have their own QuickJS limit; this bounds the thread). */
export const NODE_SANDBOX_HEAP_MB = 96;

let bundled: Promise<string> | undefined;

function bundleEntry(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('vite');
    const here = path.dirname(fileURLToPath(import.meta.url));
    const entry = path.join(here, 'node-sandbox-entry.ts');
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affordance-sandbox-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      root: here,
      build: {
        ssr: entry,
        outDir,
        emptyOutDir: true,
        minify: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'sandbox-entry.mjs' } },
      },
      ssr: { noExternal: true },
    });
    return path.join(outDir, 'sandbox-entry.mjs');
  })();
  return bundled;
}

export async function nodeSandbox(limits: SandboxLimits = DEFAULT_LIMITS): Promise<AffordanceSandbox> {
  const file = await bundleEntry();
  const wasmPath = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return new WatchdogSandbox(() => {
    const worker = new Worker(file, {
      workerData: { wasmPath },
      resourceLimits: { maxOldGenerationSizeMb: NODE_SANDBOX_HEAP_MB, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    let onResponse: (message: unknown) => void = () => {};
    let onCrash: (e: SandboxError) => void = () => {};
    let readyResolve = () => {};
    const ready = new Promise<void>((r) => (readyResolve = r));
    worker.on('message', (m: unknown) => {
      if (m === 'ready') readyResolve();
      else onResponse(m);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      readyResolve();
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      onCrash({
        kind: memory ? 'memory' : 'crash',
        message: memory
          ? `the program ran out of its ${NODE_SANDBOX_HEAP_MB} MB memory limit and was stopped`
          : `the sandbox thread died: ${e.message}`,
      });
    });
    worker.unref();
    return {
      ready,
      post: (req) => worker.postMessage(req),
      onResponse: (cb) => (onResponse = cb),
      onCrash: (cb) => (onCrash = cb),
      terminate: () => void worker.terminate(),
    };
  }, limits);
}
