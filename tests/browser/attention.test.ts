// The Attention tab as a person uses it, in Chromium with WebGPU on SwiftShader: tiny shapes only.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';

/** Fraction of a canvas's pixels that are not fully transparent: a drawn chart or heatmap is not blank. */
async function inkOf(app: AppSession, selector: string): Promise<number> {
  return app.page.$eval(selector, (el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink / (data.length / 4);
  });
}

async function setShape(app: AppSession, fields: Record<string, string>) {
  for (const [key, value] of Object.entries(fields)) await typeInto(app.page, `[data-testid=field-${key}]`, value);
}

describe('Attention tab', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'attention' });
    await app.waitForText('[data-testid=gpu-badge]', 'vendor:');
  });
  afterAll(async () => app?.close());

  test('runs dense vs block-sparse on a small shape: numbers, chart and mask heatmap', async () => {
    // f16 is offered but disabled, with the reason, on an adapter without shader-f16.
    expect(await app.text('[data-testid=f16-reason]')).toContain('shader-f16');
    expect(await app.page.$eval('[data-testid=field-dtype] option[value=f16]', (o) => (o as HTMLOptionElement).disabled)).toBe(true);

    await setShape(app, { B: '1', H: '2', KVH: '1', Sq: '64', Skv: '64', D: '32', compression: '2' });
    await app.page.click('[data-testid=attention-run]');
    const summary = (await app.waitForText('[data-testid=attention-summary]', 'At Skv = 64')).replace(/\s+/g, ' ');
    expect(summary).toMatch(/dense \d+\.\d\d ms \([\d.e+-]+ GFLOP\/s\)/);
    expect(summary).toMatch(/block-topk \d+\.\d\d ms/);
    expect(summary).toMatch(/error against dense \d\.\de[-+]\d+/);
    expect(summary).toContain('float64 reference: yes');
    // ¼, ½ and the full length, dense and sparse each
    expect(await app.page.$eval('[data-testid=attention-chart]', (el) => el.getAttribute('data-points'))).toBe('3');
    expect(await inkOf(app, '[data-testid=attention-chart] canvas')).toBeGreaterThan(0.01);
    expect(await app.page.$$eval('[data-testid=result-table] tbody tr', (rows) => rows.length)).toBe(6);
    // 64 keys in blocks of 16: a 4×4 block mask, drawn
    const heat = await app.page.$eval('[data-testid=mask-heatmap]', (el) => [
      el.getAttribute('data-query-blocks'),
      el.getAttribute('data-key-blocks'),
    ]);
    expect(heat).toEqual(['4', '4']);
    expect(await inkOf(app, '[data-testid=mask-heatmap] canvas')).toBeGreaterThan(0.5);
    expect(await app.text('[data-testid=mask-heatmap]')).toMatch(/green = computed \(\d+\.\d% of the causally allowed pairs\)/);
    await app.screenshot('attention-run');
  });

  test('compares with the peers, onnxruntime-web MultiHeadAttention included', async () => {
    await setShape(app, { B: '1', H: '2', KVH: '1', Sq: '32', Skv: '32', D: '32' });
    await app.page.click('[data-testid=attention-peers]');
    await app.page.waitForSelector('[data-testid=peer-ort-mha]', { timeout: 120_000 });
    const row = async (name: string) => app.page.$$eval(`[data-testid=peer-${name}] td`, (tds) => tds.map((td) => td.textContent ?? ''));
    for (const name of ['naive-wgsl', 'js-reference', 'ort-mha', 'ort-matmul-softmax']) {
      const [, peerMs, ourMs, ratio] = await row(name);
      expect(Number(peerMs), name).toBeGreaterThan(0);
      expect(Number(ourMs), name).toBeGreaterThan(0);
      expect(ratio, name).toMatch(/^\d+\.\d\d× \((we are|peer is) faster\)$/);
    }
    // The WGSL and JS peers compute the same attention; every error is a number, not "not checked".
    for (const name of ['naive-wgsl', 'js-reference', 'ort-matmul-softmax']) expect((await row(name))[5], name).not.toContain('differs');
    expect((await row('ort-mha'))[5]).toMatch(/\d\.\de-?\d+/);
    await app.screenshot('attention-peers');
  });

  test('a bad shape shows the kernel’s error and nothing breaks', async () => {
    await setShape(app, { H: '3', KVH: '2' });
    await app.page.click('[data-testid=attention-run]');
    expect(await app.waitForText('[data-testid=attention-error]', 'not a multiple')).toContain(
      'shape.H = 3 is not a multiple of shape.KVH = 2',
    );
    await app.screenshot('attention-bad-shape');
    await setShape(app, { H: 'four' });
    await app.page.click('[data-testid=attention-run]');
    expect(await app.waitForText('[data-testid=attention-error]', 'whole number')).toContain('H: "four" is not a positive whole number');
    // The page still works: the form is enabled and the previous results are still there.
    expect(await app.page.$eval('[data-testid=attention-run]', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    expect(await app.page.$('[data-testid=attention-chart]')).not.toBeNull();
  });

  test('Benchmark this GPU: the page stays usable while it runs, it can be cancelled and still offers its JSON', async () => {
    await app.page.click('[data-testid=bench-run]');
    await app.page.waitForSelector('[data-testid=attention-cancel]');
    // The work is in workers: the page answers at once, and another tab can be visited and left.
    const t0 = Date.now();
    await app.page.evaluate(() => document.title);
    expect(Date.now() - t0).toBeLessThan(2000);
    await app.goto('device');
    await app.goto('attention');
    // The run and the earlier results are still there after switching tabs.
    expect(await app.page.$('[data-testid=attention-summary]')).not.toBeNull();
    await app.page.click('[data-testid=attention-cancel]');
    const report = await app.waitForText('[data-testid=bench-report]', 'Cancelled');
    expect(report).toMatch(/peak FMA [\d.]+ GFLOP\/s/);
    const json = JSON.parse(await app.page.$eval('[data-testid=bench-json]', (t) => (t as HTMLTextAreaElement).value));
    expect(json.cancelled).toBe(true);
    expect(json.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true });
    expect(json.ceilings.fmaGflops).toBeGreaterThan(0);
    expect(await app.page.$eval('[data-testid=bench-download]', (a) => (a as HTMLAnchorElement).href)).toMatch(/^blob:/);
    await app.screenshot('attention-bench-cancelled');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors).toEqual([]);
  });
});
