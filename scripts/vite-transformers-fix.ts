/**
 * A build-time fix for @huggingface/transformers 4.3.2 in the browser: it serialises session creation through
 * `webInitChain = webInitChain.then(load)`, so after ONE failed `InferenceSession.create` the chain stays rejected
 * and every later session in that worker fails with the same error — no wasm fallback after a failed WebGPU
 * session, no retry after a bad file, until the page reloads. `.then(load, load)` keeps the serialisation and runs
 * the next creation whatever happened before. Applied to worker bundles (the library loads only in workers); the
 * build fails loudly if the text is gone (then check whether the library fixed it and drop this plugin).
 * Test: tests/browser/models.test.ts (the fallback after a failed WebGPU session).
 */
import type { Plugin } from 'vite';

const NEEDLE = 'webInitChain = webInitChain.then(load)';

export function transformersInitChainFix(): Plugin {
  return {
    name: 'transformers-init-chain-fix',
    transform(code, id) {
      if (!/@huggingface[\\/]transformers[\\/]dist[\\/]transformers\.web\.js$/.test(id.split('?')[0])) return null;
      if (!code.includes(NEEDLE)) this.error(`${id}: "${NEEDLE}" not found; see scripts/vite-transformers-fix.ts`);
      return { code: code.replace(NEEDLE, 'webInitChain = webInitChain.then(load, load)'), map: null };
    },
  };
}
