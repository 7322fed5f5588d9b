// Serves the built dist/ once for all browser tests, under a sub-path as a static host would.
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/serve.mjs';

export const SUB_PATH = '/webgpu-playground/';

export default async function setup(project: TestProject) {
  // PLAYGROUND_DIST lets several builds coexist (e.g. `vite build --outDir /tmp/x` then PLAYGROUND_DIST=/tmp/x).
  const root = process.env.PLAYGROUND_DIST ?? 'dist';
  if (!fs.existsSync(`${root}/index.html`)) throw new Error(`${root}/ is missing: run "npm run build" before the browser tests.`);
  const server = await startStaticServer({ root, base: SUB_PATH });
  project.provide('appUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}
