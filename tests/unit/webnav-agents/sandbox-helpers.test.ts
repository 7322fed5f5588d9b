// The PORTABLE_HELPERS of lib.ts run from their own source inside QuickJS (no host crossing per call): each must
// be self-contained and give exactly the host function's answers.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { loadQuickJs } from '../../../src/webnav/affordance/quickjs-engine';
import { PORTABLE_HELPERS, makeAffordanceLib } from '../../../src/webnav/affordance/lib';

const CASES: Record<(typeof PORTABLE_HELPERS)[number], unknown[][]> = {
  click: [
    [10.4, 60.6],
    [0, 209],
  ],
  type: [['hello']],
  key: [['Enter']],
  clickBox: [[{ x: 3, y: 50, w: 11, h: 7 }]],
  clicksAlong: [[{ x: 10, y: 100, w: 50, h: 9 }, 7], [{ x: 0, y: 60, w: 400, h: 4 }]],
  mentions: [
    ['Click on the "ok" button.', 'ok'],
    ['Click okay.', 'ok'],
    ['a.b c', '.'],
    ['x', '  '],
  ],
  quoted: [['Select "cat", "owl" and click Submit.'], ['no quotes']],
  center: [[{ x: 1, y: 2, w: 5, h: 6 }]],
  contains: [
    [{ x: 1, y: 2, w: 5, h: 6 }, 3, 4],
    [{ x: 1, y: 2, w: 5, h: 6 }, 6, 4],
  ],
};

test('every portable helper, evaluated alone in QuickJS, answers as the host function does', async () => {
  const b = fs.readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
  const qjs = await loadQuickJs(releaseSync, { wasmBinary: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
  const lib = makeAffordanceLib() as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of PORTABLE_HELPERS) {
    for (const args of CASES[name]) {
      const ctx = qjs.newContext();
      const r = ctx.evalCode(`'use strict'; JSON.stringify((${String(lib[name])})(...${JSON.stringify(args)}))`);
      const h = ctx.unwrapResult(r);
      const got = ctx.dump(h) as string;
      h.dispose();
      ctx.dispose();
      expect(JSON.parse(got), `${name}(${JSON.stringify(args)})`).toEqual(lib[name](...args));
    }
  }
});
