// The Python sandbox (Pyodide in a separate process, the same core as the page's module worker): located
// errors, streamed output, the memory cap, third-party imports while offline, no leftovers between runs, and
// an endless loop stopped by the time limit.
import { afterAll, expect, test } from 'vitest';
import { nodePythonSandbox } from '../../../src/paper2code/node-sandbox';

const sandbox = nodePythonSandbox({ memoryMb: 320 });
afterAll(() => sandbox.dispose());
const job = (files: Record<string, string>) => ({ files, entry: 'main.py', allowInstall: false });

test('a Python error names the repository file and line; output is streamed as it is printed', async () => {
  const streamed: string[] = [];
  const r = await sandbox.run(
    job({
      'main.py': 'from pkg.util import f\nprint("start")\nprint(f(2))\n',
      'pkg/__init__.py': '',
      'pkg/util.py': 'def f(x):\n    return x / 0\n',
    }),
    {
      onOutput: (s, t) => streamed.push(`${s}:${t}`),
    },
  );
  expect(r).toMatchObject({
    ok: false,
    exitCode: 1,
    timedOut: false,
    stdout: 'start\n',
    error: 'pkg/util.py:2: ZeroDivisionError: division by zero',
  });
  expect(r.stderr).toContain('File "/repo/main.py", line 3, in <module>');
  expect(r.stderr).not.toContain('_pyodide'); // only the repository's own frames
  expect(streamed[0]).toBe('stdout:start\n');
  const syntax = await sandbox.run(job({ 'main.py': 'def f(:\n    pass\n' }));
  expect(syntax.error).toBe('main.py:1: SyntaxError: invalid syntax');
}, 120_000);

test('exit codes, the memory cap, offline imports, and a clean slate between runs', async () => {
  expect(await sandbox.run(job({ 'main.py': 'import sys\nprint("bye")\nsys.exit(3)\n' }))).toMatchObject({
    ok: false,
    exitCode: 3,
    stdout: 'bye\n',
  });
  const memory = await sandbox.run(job({ 'main.py': 'blocks = []\nwhile True:\n    blocks.append(bytearray(20_000_000))\n' }));
  expect(memory).toMatchObject({ ok: false, exitCode: 1, timedOut: false, error: 'main.py:3: MemoryError' });
  const numpy = await sandbox.run(job({ 'main.py': 'import model\n', 'model.py': 'import numpy as np\n' }));
  expect(numpy.error).toBe(
    "The program imports numpy (imported in model.py), not in Python's standard library. Allow package installs (needs the network) to fetch it through Pyodide's package loader, or use the standard library only.",
  );
  await sandbox.run(job({ 'main.py': 'import helper\n', 'helper.py': 'X = 1\n' }));
  const later = await sandbox.run(job({ 'main.py': 'import helper\n' }));
  expect(later.error).toBe("main.py:1: ModuleNotFoundError: No module named 'helper'");
  expect((await sandbox.run(job({ 'main.py': 'print(sum(range(10)))\n' }))).stdout).toBe('45\n');
}, 120_000);

test('an endless loop is stopped at the time limit and reported', async () => {
  const r = await sandbox.run(job({ 'main.py': 'print("looping")\nwhile True:\n    pass\n' }), { timeoutMs: 1500 });
  expect(r).toMatchObject({
    ok: false,
    exitCode: 124,
    timedOut: true,
    error: 'Stopped after 1.5 s: the program ran past the time limit (an endless loop?)',
  });
}, 120_000);
