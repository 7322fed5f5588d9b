// The JavaScript target's sandbox: QuickJS (WebAssembly) with the repository's files as ES modules and
// nothing else — located errors, console output, refused packages, the engine's own time and memory limits.
import { expect, test } from 'vitest';
import { getQuickJS, runJsHere } from '../../../src/paper2code/js-core';

const run = async (files: Record<string, string>, limits = { timeoutMs: 2000, memoryMb: 64 }) =>
  runJsHere(await getQuickJS(), { files, entry: 'main.js', allowInstall: false }, limits);

test('modules, console, and errors named by file and line', async () => {
  const ok = await run({
    'main.js':
      'import { mean } from "./lib/stats.js";\nimport { config } from "./config";\nconsole.log("mean", mean([1, 2, 3]) * config.scale, { done: true });\n',
    'lib/stats.js': 'export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;\n',
    'config.js': 'export const config = { scale: 10 };\n',
  });
  expect(ok).toEqual({ ok: true, exitCode: 0, timedOut: false, stdout: 'mean 20 {"done":true}\n', stderr: '' });
  const bad = await run({
    'main.js': 'import { f } from "./util.js";\nconsole.log("start");\nf();\n',
    'util.js': 'export function f() {\n  return undefined.x;\n}\n',
  });
  expect(bad).toMatchObject({
    ok: false,
    exitCode: 1,
    stdout: 'start\n',
    error: "util.js:2: TypeError: cannot read property 'x' of undefined",
  });
  expect((await run({ 'main.js': 'await Promise.resolve();\nthrow new RangeError("late");\n' })).error).toBe('main.js:2: RangeError: late');
});

test('no packages, network, timers or file system; endless loops and memory hogs are stopped', async () => {
  expect((await run({ 'main.js': 'import fs from "fs";\n' })).error).toBe(
    'Error: Cannot import "fs" in main.js: only the repository\'s own files can be imported (no packages in the JavaScript sandbox)',
  );
  expect((await run({ 'main.js': 'console.log(typeof fetch, typeof setTimeout, typeof require, typeof process);\n' })).stdout).toBe(
    'undefined undefined undefined undefined\n',
  );
  expect(await run({ 'main.js': 'while (true) {}\n' }, { timeoutMs: 300, memoryMb: 64 })).toMatchObject({
    ok: false,
    exitCode: 124,
    timedOut: true,
    error: 'Stopped after 0.3 s: the program ran past the time limit (an endless loop?)',
  });
  const hog = 'const a = [];\nfor (;;) a.push([a.length, a.length + 1, a.length + 2, 4, 5, 6, 7, 8]);\n';
  expect((await run({ 'main.js': hog }, { timeoutMs: 20_000, memoryMb: 16 })).error).toBe('main.js:2: InternalError: out of memory');
});
