// `npm run sandbox -- A.js B.js … --task NAME --seed N --json` replays attacks from files in one Node sandbox
// host: each attack is reported as the sandbox stopped it, and the innocent program after them answers exactly
// as it did before them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { INNOCENT, SANDBOX_ATTACKS } from '../../fixtures/sandbox-attacks';
import type { SandboxCliEntry } from '../../../src/webnav/sandbox-cli';

const attack = (name: RegExp) => SANDBOX_ATTACKS.find((a) => name.test(a.name))!;

test('the sandbox CLI runs attack files then an innocent one, and prints their JSON', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
  const write = (name: string, source: string) => {
    fs.writeFileSync(path.join(dir, name), source.replaceAll('ATTACKER', 'http://127.0.0.1:9'));
    return path.join(dir, name);
  };
  const files = [
    write('innocent-before.js', INNOCENT),
    write('fontface.js', attack(/^FontFace/).source),
    write('poison.js', attack(/^poisoned built-ins/).source),
    write('fake-denial.js', attack(/cannot fake a denial/).source),
    write('forged-output.js', attack(/forged answer/).source),
    write('innocent-after.js', INNOCENT),
  ];
  const { stdout } = await promisify(execFile)(
    'node',
    ['scripts/run-ts.mjs', 'src/webnav/sandbox-cli.ts', ...files, '--task', 'click-button', '--seed', '3', '--json'],
    { timeout: 60_000 },
  ).catch((e: { stdout: string; code: number }) => {
    expect(e.code).toBe(1); // some programs failed: exit code 1, JSON still printed
    return e;
  });
  const out = JSON.parse(stdout) as SandboxCliEntry[];
  expect(out.map((e) => [path.basename(e.file), e.ok, e.error?.kind ?? null])).toEqual([
    ['innocent-before.js', true, null],
    ['fontface.js', false, 'denied'],
    ['poison.js', true, null],
    ['fake-denial.js', false, 'runtime'],
    ['forged-output.js', false, 'output'],
    ['innocent-after.js', true, null],
  ]);
  expect(out[1].error).toMatchObject({ message: expect.stringMatching(/FontFace is not available/), line: 3 });
  expect(out[2].actions).toEqual([{ type: 'click', x: 5, y: 60 }]);
  expect(out[3].error).toEqual({ kind: 'runtime', message: expect.stringMatching(/^thrown value: SandboxDenied/) });
  expect(out[0].actions.length).toBeGreaterThan(1);
  expect(out[5].actions).toEqual(out[0].actions);
  fs.rmSync(dir, { recursive: true });
});

test('bad usage says what is wrong and exits 2', async () => {
  const e = await promisify(execFile)('node', ['scripts/run-ts.mjs', 'src/webnav/sandbox-cli.ts', 'x.js', '--task', 'no-such-task']).catch(
    (err: { code: number; stderr: string }) => err,
  );
  expect(e).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown task no-such-task/) });
});
