// The app shell in a real Chromium with WebGPU on SwiftShader, served from dist/ under a sub-path.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';

describe('app shell with WebGPU', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp();
    await app.waitForText('[data-testid=gpu-badge]', 'vendor:');
  });
  afterAll(async () => app?.close());

  test('header shows the detected adapter and its features', async () => {
    expect(await app.text('[data-testid=gpu-vendor]')).toContain('google');
    expect(await app.text('[data-testid=gpu-architecture]')).toContain('swiftshader');
    expect(await app.text('[data-testid=gpu-fallback]')).toContain('software/fallback adapter');
    const present = async (f: string) => app.page.$eval(`[data-testid=feature-${f}]`, (el) => el.getAttribute('data-present'));
    expect(await present('timestamp-query')).toBe('true');
    expect(await present('subgroups')).toBe('true');
    expect(await present('shader-f16')).toBe('false');
    expect(await app.page.$('[data-testid=energy-meter]')).not.toBeNull();
  });

  test('every tab renders and is screenshotted', async () => {
    for (const tab of ['attention', 'workflows', 'webnav', 'energy', 'paper2code', 'device']) {
      await app.goto(tab);
      const heading = await app.page.$eval(`[data-testid=tab-panel-${tab}] h2`, (el) => el.textContent ?? '');
      expect(heading.length).toBeGreaterThan(3);
      await app.screenshot(`tab-${tab}`);
    }
  });

  test('a compute shader typed into the scratchpad runs in the GPU worker', async () => {
    await app.goto('device');
    await typeInto(app.page, '[data-testid=scratch-input]', '1, 2, 3, 4, -0.5, 10');
    await app.page.click('[data-testid=scratch-run]');
    const out = await app.waitForText('[data-testid=scratch-output]', 'Output');
    // data[i] * data[i] + 1
    expect(out).toContain('2, 5, 10, 17, 1.25, 101');
    expect(await app.text('[data-testid=scratch-timing]')).toMatch(/\d+\.\d{3} ms \((GPU timestamps|wall clock)\)/);
    // The result and the input survive a visit to another tab.
    await app.goto('energy');
    await app.goto('device');
    expect(await app.text('[data-testid=scratch-output]')).toContain('2, 5, 10, 17, 1.25, 101');
    expect(await app.page.$eval('[data-testid=scratch-input]', (el) => (el as HTMLInputElement).value)).toBe('1, 2, 3, 4, -0.5, 10');
  });

  test('invalid WGSL yields an error naming the line and column', async () => {
    await app.goto('device');
    const broken = [
      '@group(0) @binding(0) var<storage, read_write> data: array<f32>;',
      '@compute @workgroup_size(64)',
      'fn main(@builtin(global_invocation_id) id: vec3u) {',
      '  data[id.x] = undefined_name * 2.0;',
      '}',
    ].join('\n');
    await typeInto(app.page, '[data-testid=scratch-code]', broken);
    await app.page.click('[data-testid=scratch-run]');
    const err = await app.waitForText('[data-testid=scratch-error]', 'error');
    expect(err).toMatch(/scratch\.wgsl:4:\d+: error: .*undefined_name/);
    expect(err).toContain('line 4, column');
    await app.screenshot('device-shader-error');
  });

  test('bad input numbers are refused with the item that is wrong', async () => {
    await app.goto('device');
    await typeInto(app.page, '[data-testid=scratch-input]', '1, two, 3');
    await app.page.click('[data-testid=scratch-run]');
    expect(await app.waitForText('[data-testid=scratch-error]', 'item 2')).toContain('"two"');
  });

  test('a destroyed device is recovered from and reported, and work runs again', async () => {
    await app.goto('device');
    await app.page.click('[data-testid=simulate-loss]');
    const log = await app.waitForText('[data-testid=gpu-events]', 'device restored');
    expect(log).toMatch(/device lost \(reason: destroyed\)/);
    expect(await app.text('[data-testid=gpu-badge]')).not.toContain('recovering');
    await typeInto(
      app.page,
      '[data-testid=scratch-code]',
      [
        '@group(0) @binding(0) var<storage, read_write> data: array<f32>;',
        '@compute @workgroup_size(64)',
        'fn main(@builtin(global_invocation_id) id: vec3u) {',
        '  if (id.x < arrayLength(&data)) { data[id.x] = data[id.x] * 3.0; }',
        '}',
      ].join('\n'),
    );
    await typeInto(app.page, '[data-testid=scratch-input]', '1, 2, 3');
    await app.page.click('[data-testid=scratch-run]');
    expect(await app.waitForText('[data-testid=scratch-output]', 'Output')).toContain('3, 6, 9');
    await app.screenshot('device-recovered');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors.filter((e) => !/WebGPU|GPU device|destroyed/i.test(e))).toEqual([]);
  });
});

describe('app shell without WebGPU', () => {
  test('GPU tabs explain why and how to enable it; other tabs keep working', async () => {
    const app = await openApp({ webgpu: false, tab: 'attention' });
    try {
      const help = await app.waitForText('[data-testid=webgpu-help]', 'How to enable');
      expect(help).toContain('no usable GPU adapter');
      expect(help).toMatch(/chrome:\/\/flags\/#enable-unsafe-webgpu/);
      expect(await app.text('[data-testid=gpu-badge]')).toContain('No WebGPU');
      await app.screenshot('no-webgpu-attention');
      await app.goto('workflows');
      expect(await app.text('[data-testid=webgpu-banner]')).toContain('WebGPU is unavailable');
      expect(await app.page.$('[data-testid=webgpu-help]')).toBeNull();
      await app.screenshot('no-webgpu-workflows');
    } finally {
      await app.close();
    }
  });
});
