// The Node host of the affordance sandbox (worker_thread + QuickJS): what a program may and may not do.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { formatSandboxError, type RunResult } from '../../../src/webnav/affordance/program';

const screen = { pixels: new Uint8ClampedArray(160 * 210 * 4).fill(255), width: 160, height: 210, utterance: 'Click on the "ok" button.' };
const program = (body: string) => `function affordances(screen, utterance, lib) {\n${body}\n}`;

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 300 });
}, 60_000);
afterAll(() => sandbox?.dispose());

async function run1(source: string): Promise<RunResult> {
  const [r] = await sandbox.run(source, [screen]);
  return r;
}

function failure(r: RunResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.actions)}`);
  return r.error;
}

describe('affordance sandbox (Node host)', () => {
  test('a valid program returns validated, de-duplicated actions', async () => {
    const r = await run1(
      program(`return [lib.click(10.4, 60), lib.click(10, 60), lib.type(lib.quoted(utterance)[0]), { type: 'key', name: 'Enter' }];`),
    );
    expect(r.ok && r.actions).toEqual([
      { type: 'click', x: 10, y: 60 },
      { type: 'type', text: 'ok' },
      { type: 'key', name: 'Enter' },
    ]);
  });

  test('an infinite loop is stopped within its time limit and reported; the next program runs', async () => {
    const t0 = performance.now();
    const e = failure(await run1(program('while (true) {}')));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(e.kind).toBe('timeout');
    expect(formatSandboxError(e)).toMatch(/ran past its 300 ms limit .*infinite loop/);
    const ok = await run1(program('return [lib.click(1, 1)];'));
    expect(ok.ok).toBe(true);
  });

  test.each([
    ['fetch', `fetch('http://example.com/')`, /fetch is not available .*no network/],
    ['XMLHttpRequest', `new XMLHttpRequest()`, /XMLHttpRequest is not available/],
    ['WebSocket', `new WebSocket('ws://x')`, /WebSocket is not available/],
    ['document', `document.body.innerHTML = 'x'`, /document is not available .*no DOM/],
    ['window', `window.location`, /window is not available .*no DOM/],
    ['importScripts', `importScripts('evil.js')`, /importScripts is not available/],
    ['indexedDB', `indexedDB.open('db')`, /indexedDB is not available .*no storage/],
    ['localStorage', `localStorage.setItem('a', 'b')`, /localStorage is not available .*no storage/],
    ['caches', `caches.open('c')`, /caches is not available .*no storage/],
    ['process', `process.exit(1)`, /process is not available/],
  ])('%s is denied with a clear message and its line', async (_name, call, message) => {
    const e = failure(await run1(program(`  const x = 1;\n  ${call};\n  return [];`)));
    expect(e.kind).toBe('denied');
    expect(e.message).toMatch(message);
    expect(e.line).toBe(3);
  });

  test('import() is refused before the program runs', async () => {
    const e = failure(await run1(program(`  return import('node:fs');`)));
    expect(e.kind).toBe('denied');
    expect(e.line).toBe(2);
  });

  test('errors carry line and column; bad output is named', async () => {
    const syntax = failure(await run1('function affordances(screen) {\n  return [;\n}'));
    expect(syntax.kind).toBe('syntax');
    expect(syntax.line).toBe(2);
    const runtime = failure(await run1(program('  const boxes = null;\n  return boxes.map((b) => b);')));
    expect(runtime.kind).toBe('runtime');
    expect(formatSandboxError(runtime)).toMatch(/^affordance\.js:3:\d+: runtime error: TypeError/);
    const tooMany = failure(await run1(program('return Array.from({ length: 500 }, (_, i) => lib.click(i % 160, 50));')));
    expect(tooMany.kind).toBe('output');
    expect(tooMany.message).toMatch(/500 actions; the limit is 64/);
    const outside = failure(await run1(program('return [lib.click(500, 5)];')));
    expect(outside.message).toMatch(/action 0: click \(500, 5\) is outside the 160×210 screen/);
    const missing = failure(await run1('const x = 1;'));
    expect(missing.message).toMatch(/must define function affordances/);
  });

  test('a program that exhausts memory is stopped and reported', async () => {
    const e = failure(await run1(program('const a = []; for (;;) a.push(new Array(4e6).fill(a.length + 0.5));')));
    expect(['memory', 'timeout']).toContain(e.kind);
    expect((await run1(program('return [lib.click(2, 2)];'))).ok).toBe(true);
  });
});
