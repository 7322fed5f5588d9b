import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pyodideAssets } from './scripts/vite-pyodide-assets.ts';
import { transformersInitChainFix } from './scripts/vite-transformers-fix.ts';

// Relative base: the built dist/ works from any static host under any sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte(), pyodideAssets()],
  // transformers.js runs only in workers: its session-chain fix applies to worker bundles.
  worker: { format: 'es', plugins: () => [transformersInitChainFix()] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // wasm and other binary assets are emitted as files, never inlined or fetched from a CDN
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          // One Chromium at a time: SwiftShader uses every core.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
