// Attacks on the affordance sandbox (issue #13), replayed against the Node host: each one escaped or did harm
// before the QuickJS engine, and each must now fail to. A local HTTP server stands in for the attacker's
// server: no program may ever reach it. The same attacks run in the page in tests/browser/webnav-sandbox.test.ts.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import { WatchdogSandbox, type AffordanceSandbox, type SandboxEndpoint } from '../../../src/webnav/affordance/sandbox';
import type { RunResult } from '../../../src/webnav/affordance/program';
import { makeEnv } from '../../../src/webnav/tasks/index';
import { SANDBOX_ATTACKS, INNOCENT, ATTACK_SCREEN } from '../../fixtures/sandbox-attacks';

let sandbox: AffordanceSandbox;
/** For the memory attacks (see SandboxAttack.slow). */
let roomy: AffordanceSandbox;
let server: http.Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  // 2 s per screen: the first call OCRs cold, and the unit suite runs files in parallel on 2 cores.
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
  roomy = await nodeSandbox({ timeLimitMs: 8000 });
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'text/javascript');
    res.end('export default 1;');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  sandbox?.dispose();
  roomy?.dispose();
  await new Promise((r) => server?.close(r));
});

const obs = makeEnv('click-button').reset(ATTACK_SCREEN.seed);

async function run1(source: string, sb = sandbox): Promise<RunResult> {
  const [r] = await sb.run(source.replaceAll('ATTACKER', base), [obs]);
  return r;
}

/** The innocent program after an attack must give exactly the answer it gives in a fresh sandbox. */
let innocentAnswer: RunResult;
beforeAll(async () => {
  innocentAnswer = await run1(INNOCENT);
  expect(innocentAnswer.ok).toBe(true);
  expect(innocentAnswer.ok && innocentAnswer.actions.length).toBeGreaterThan(0);
});

describe('affordance sandbox attacks (Node host, QuickJS)', () => {
  test.each(SANDBOX_ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    const r = await run1(attack.source, attack.slow ? roomy : sandbox);
    if (attack.expect === 'ok') expect(r.ok, JSON.stringify(r)).toBe(true);
    else {
      expect(r.ok, JSON.stringify(r)).toBe(false);
      if (!r.ok) {
        expect(attack.expect).toContain(r.error.kind);
        if (attack.message) expect(r.error.message).toMatch(attack.message);
        if (attack.line !== undefined) expect(r.error.line ?? null).toBe(attack.line);
      }
    }
    // The next, innocent program is unaffected: same answer, in time, and nothing reached the network.
    expect(await run1(INNOCENT)).toEqual({ ...innocentAnswer, ms: expect.any(Number) });
    await new Promise((res) => setTimeout(res, 50));
    expect(hits).toEqual([]);
  });

  test('host functions are QuickJS functions: their constructor chain ends in the sandbox, not in Node', async () => {
    const marker = path.join(os.tmpdir(), `sandbox-escape-${process.pid}`);
    const r = await run1(`function affordances(screen, utterance, lib) {
  const F = lib.textBoxes.constructor.constructor;
  const g = F('return this')();
  const probes = [typeof g.module, typeof g.Buffer, screen.pixels.constructor.constructor('return typeof this.module')()];
  if (probes.join() !== 'undefined,undefined,undefined') throw new Error('escaped: ' + probes.join());
  g.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');
  return [];
}`);
    expect(fs.existsSync(marker)).toBe(false);
    // `require` on the sandbox's global is only the denial getter, which records the attempt.
    expect(r.ok ? r : r.error).toMatchObject({ kind: 'denied', message: expect.stringMatching(/require is not available/), line: 6 });
  });

  test('a program cannot fill the host: 100 MB of ArrayBuffers hits the memory limit with a clear error', async () => {
    const before = process.memoryUsage().rss;
    const r = await run1('function affordances() {\n  const keep = [];\n  for (;;) keep.push(new ArrayBuffer(8 << 20));\n}', roomy);
    expect(r.ok ? r : r.error).toMatchObject({
      kind: 'memory',
      message: expect.stringMatching(/ran out of memory \(limits: 64 MB of objects, 128 MB for the engine/),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(400 << 20);
  });
});

describe('the host trusts no message from its worker', () => {
  /** A worker that posts whatever a hijacked port would: the watchdog must answer 'crash' and restart it. */
  function forged(message: unknown): SandboxEndpoint {
    let cb: (m: unknown) => void = () => {};
    return {
      ready: Promise.resolve(),
      post: (req) => queueMicrotask(() => cb(typeof message === 'function' ? (message as (id: number) => unknown)(req.id) : message)),
      onResponse: (f) => (cb = f),
      onCrash: () => {},
      terminate: () => {},
    };
  }
  const screen = { pixels: new Uint8ClampedArray(160 * 210 * 4), width: 160, height: 210, utterance: 'x' };

  test.each([
    ['null', null],
    ['a string', 'ready?'],
    ['another id', { id: 999, results: [] }],
    ['too few results', (id: number) => ({ id, results: [] })],
    ['an off-screen click', (id: number) => ({ id, results: [{ ok: true, actions: [{ type: 'click', x: 5000, y: 1 }], ms: 1 }] })],
    ['an unknown action', (id: number) => ({ id, results: [{ ok: true, actions: [{ type: 'navigate', url: 'http://x' }], ms: 1 }] })],
    [
      'a megabyte of text',
      (id: number) => ({ id, results: [{ ok: true, actions: [{ type: 'type', text: 'x'.repeat(1 << 20) }], ms: 1 }] }),
    ],
    [
      '65 actions',
      (id: number) => ({
        id,
        results: [{ ok: true, actions: Array.from({ length: 65 }, (_, i) => ({ type: 'click', x: i, y: 50 })), ms: 1 }],
      }),
    ],
    ['an error of unknown kind', (id: number) => ({ id, results: [{ ok: false, error: { kind: 'granted', message: 'all good' } }] })],
  ])('%s is a crash, and the worker is restarted', async (_name, message) => {
    const wd = new WatchdogSandbox(() => forged(message), { timeLimitMs: 100 });
    const [r] = await wd.run('function affordances() { return []; }', [screen]);
    expect(r.ok ? r : r.error).toMatchObject({ kind: 'crash', message: expect.stringMatching(/invalid answer/) });
    await wd.run('function affordances() { return []; }', [screen]);
    expect(wd.starts).toBe(2);
  });
});
