// The energy feature in the built app: the header meter moves by t × P for a measured GPU run, the power
// picker's choice survives a reload, bad watts / grid intensity are refused, and the explorer draws its chart.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';

interface MeterReading {
  jobs: number;
  gpuMs: number;
  low: number;
  high: number;
  wattsLow: number;
  wattsHigh: number;
}

async function readMeter(app: AppSession): Promise<MeterReading> {
  return app.page.$eval('[data-testid=energy-meter-total]', (el) => {
    const n = (k: string) => Number(el.getAttribute(k));
    return {
      jobs: n('data-jobs'),
      gpuMs: n('data-gpu-ms'),
      low: n('data-low'),
      high: n('data-high'),
      wattsLow: n('data-watts-low'),
      wattsHigh: n('data-watts-high'),
    };
  });
}

async function waitForJobs(app: AppSession, more: number): Promise<void> {
  await app.page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=energy-meter-total]')?.getAttribute('data-jobs')) >= n,
    { timeout: 30_000, polling: 50 },
    more,
  );
}

describe('energy meter and Energy tab', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'device' });
    await app.waitForText('[data-testid=gpu-badge]', 'vendor:');
  });
  afterAll(async () => app?.close());

  test('a scratchpad run moves the meter by an amount inside the band t × P for its measured time', async () => {
    const before = await readMeter(app);
    await typeInto(app.page, '[data-testid=scratch-input]', Array.from({ length: 512 }, (_, i) => i % 7).join(', '));
    await app.page.click('[data-testid=scratch-run]');
    await app.waitForText('[data-testid=scratch-output]', 'Output');
    const timing = await app.text('[data-testid=scratch-timing]');
    const t = Number(/([\d.]+) ms/.exec(timing)![1]); // shown with 3 decimals
    await waitForJobs(app, before.jobs + 1);
    const after = await readMeter(app);
    expect(after.jobs).toBe(before.jobs + 1);
    const dMs = after.gpuMs - before.gpuMs;
    expect(Math.abs(dMs - t)).toBeLessThanOrEqual(0.0005 + 1e-9);
    // SwiftShader is priced as a CPU: 7.5-100 W.
    expect([after.wattsLow, after.wattsHigh]).toEqual([7.5, 100]);
    const dLow = after.low - before.low;
    const dHigh = after.high - before.high;
    const tol = 1e-9;
    expect(dLow).toBeGreaterThanOrEqual(((t - 0.0005) / 1000) * after.wattsLow - tol);
    expect(dLow).toBeLessThanOrEqual(((t + 0.0005) / 1000) * after.wattsLow + tol);
    expect(dHigh).toBeGreaterThanOrEqual(((t - 0.0005) / 1000) * after.wattsHigh - tol);
    expect(dHigh).toBeLessThanOrEqual(((t + 0.0005) / 1000) * after.wattsHigh + tol);
    // The breakdown names the job.
    await app.page.click('[data-testid=energy-meter-total]');
    const breakdown = await app.waitForText('[data-testid=energy-breakdown]', 'scratch');
    expect(breakdown).toMatch(/1 GPU job, /);
    expect(breakdown).toMatch(/J/);
    await app.screenshot('energy-meter-breakdown');
    await app.page.click('[data-testid=energy-meter-total]');
  });

  test('bad custom watts and grid intensity are refused with a message', async () => {
    await app.goto('energy');
    expect(await app.text('[data-testid=power-detected]')).toContain('CPU / software');
    await app.page.select('[data-testid=power-select]', 'custom');
    for (const [input, why] of [
      ['-40', 'not positive'],
      ['0', 'not positive'],
      ['lots', 'not a number'],
      ['99999', 'outside'],
    ]) {
      await typeInto(app.page, '[data-testid=custom-watts]', input);
      await app.page.click('[data-testid=custom-watts-apply]');
      expect(await app.waitForText('[data-testid=custom-watts-error]', why)).toContain('Custom power');
    }
    // Nothing changed: still the detected class.
    expect(await app.page.$eval('[data-testid=power-class]', (el) => el.getAttribute('data-id'))).toBe('cpu-software');
    await typeInto(app.page, '[data-testid=grid-input]', '-3');
    await app.page.click('[data-testid=grid-apply]');
    expect(await app.waitForText('[data-testid=grid-error]', 'Grid intensity')).toContain('not positive');
    await app.screenshot('energy-bad-input');
  });

  test('the picked GPU model survives a reload and re-prices the meter', async () => {
    await app.goto('energy');
    await app.page.select('[data-testid=power-select]', 'nvidia-rtx-4090');
    await app.waitForText('[data-testid=power-class]', 'RTX 4090');
    await app.page.reload({ waitUntil: 'load' });
    await app.page.waitForSelector('[data-testid=power-select]');
    expect(await app.page.$eval('[data-testid=power-select]', (el) => (el as HTMLSelectElement).value)).toBe('nvidia-rtx-4090');
    const cls = await app.page.$eval('[data-testid=power-class]', (el) => [
      el.getAttribute('data-id'),
      el.getAttribute('data-watts-low'),
      el.getAttribute('data-watts-high'),
    ]);
    expect(cls).toEqual(['nvidia-rtx-4090', '225', '360']);
    const meter = await readMeter(app);
    expect([meter.wattsLow, meter.wattsHigh]).toEqual([225, 360]);
    // Back to the detected class for the next test.
    await app.page.select('[data-testid=power-select]', 'auto');
  });

  test('decode with and without Quest is measured on this GPU and charted; the meter hears every run', async () => {
    await app.waitForText('[data-testid=gpu-badge]', 'vendor:');
    const before = await readMeter(app);
    await app.page.click('[data-testid=quest-run]');
    await app.page.waitForSelector('[data-testid=quest-chart][data-points="4"]', { timeout: 150_000 });
    const savings = (await app.text('[data-testid=quest-savings]')).replace(/\s+/g, ' ');
    expect(savings).toMatch(/context 256: dense .*J per token, Quest .*J — saving -?\d+\.\d%/);
    expect(savings).toMatch(/context 1024/);
    // 4 points × (1 warm-up + 3 timed runs) reported to the meter under feature "energy".
    await waitForJobs(app, before.jobs + 16);
    await app.page.click('[data-testid=energy-meter-total]');
    expect(await app.text('[data-testid=energy-feature-energy]')).toMatch(/^energy16/);
    await app.screenshot('energy-quest-explorer');
    await app.page.click('[data-testid=energy-meter-total]');
  });

  test('the prefill explorer measures energy per query as the batch grows, and charts the band', async () => {
    await app.page.select('[data-testid=sweep-axis]', 'batch');
    await app.page.select('[data-testid=sweep-seqlen]', '32');
    await app.page.click('[data-testid=sweep-run]');
    // batch 1, 2, 4: low and high lines (the band) plus the paper's ideal = 9 points.
    await app.page.waitForSelector('[data-testid=sweep-chart][data-points="9"]', { timeout: 150_000 });
    const rows = (await app.text('[data-testid=energy-rows]')).replace(/\s+/g, ' ');
    for (const b of [1, 2, 4]) expect(rows).toContain(`prefill B${b} S32 dense f32`);
    expect(rows).toMatch(/J – [\d.]+ [mµn]?J/);
    await app.screenshot('energy-prefill-explorer');
    // The choices and the measured rows survive a visit to another tab.
    await app.goto('device');
    await app.goto('energy');
    expect(await app.page.$eval('[data-testid=sweep-axis]', (el) => (el as HTMLSelectElement).value)).toBe('batch');
    expect(await app.page.$eval('[data-testid=sweep-seqlen]', (el) => (el as HTMLSelectElement).value)).toBe('32');
    expect((await app.text('[data-testid=energy-rows]')).replace(/\s+/g, ' ')).toContain('prefill B4 S32 dense f32');
  });

  test('a request trace is estimated from per-bin times measured here, naive against optimised', async () => {
    await app.page.select('[data-testid=trace-select]', 'azure-code');
    await app.page.click('[data-testid=trace-run]');
    const saving = await app.waitForText('[data-testid=trace-saving]', 'less energy', 170_000);
    expect(saving).toMatch(/on Azure code: -?\d+\.\d% less energy/);
    const results = (await app.text('[data-testid=trace-results]')).replace(/\s+/g, ' ');
    expect(results).toMatch(/naive \(batch 1, dense, f32\).*J – .*J.*Wh/);
    expect(results).toMatch(/optimised \(batch 4, sparse \+ Quest 1\/4, f32\)/);
    expect(Number(await app.page.$eval('[data-testid=trace-chart]', (el) => el.getAttribute('data-points')))).toBeGreaterThan(0);
    await app.screenshot('energy-trace-estimate');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors).toEqual([]);
  });
});
