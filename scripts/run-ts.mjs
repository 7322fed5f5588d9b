#!/usr/bin/env node
// Runs a TypeScript entry point of the project in Node through Vite's module loader, so CLIs and
// benchmarks import the same modules (and `?raw` WGSL) as the app: `node scripts/run-ts.mjs src/x/cli.ts args…`.
// The module must export `main(argv: string[]): Promise<number | void>`; its return value is the exit code.
import { createServer } from 'vite';

const [entry, ...argv] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <module.ts> [args…]');
  process.exit(2);
}
const server = await createServer({
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true, include: [] },
});
let code = 0;
try {
  const mod = await server.ssrLoadModule(entry.startsWith('/') ? entry : `/${entry}`);
  if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main(argv)`);
  code = (await mod.main(argv)) ?? 0;
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  code = 1;
} finally {
  await server.close();
}
// process.exit drops whatever a pipe has not taken yet (stdout to a pipe is asynchronous): wait for both
// streams to drain first, so `cli --json | consumer` always gets the whole document.
const drained = (stream) =>
  new Promise((resolve) => (stream.writableNeedDrain ? stream.once('drain', resolve) : stream.write('', resolve)));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
