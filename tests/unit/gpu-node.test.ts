// src/gpu runs unchanged in Node through Dawn: device, compile errors, timing, scratch runs, loss recovery.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../src/gpu/node-gpu';
import { GpuContext, type GpuEvent } from '../../src/gpu/context';
import { ShaderCompileError } from '../../src/gpu/compile';
import { SCRATCH_EXAMPLE, parseNumberList, runScratchShader } from '../../src/device/scratch';
import { createBufferFrom, readBuffer } from '../../src/gpu/buffers';
import { mulberry32 } from '../../src/util/random';

const next = mulberry32(3);

describe('GpuContext on Dawn', () => {
  let ctx: GpuContext;
  const events: GpuEvent[] = [];
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu(), (e) => events.push(e));
  });
  afterAll(() => ctx?.close());

  test('acquires a device and summarises the adapter', () => {
    expect(ctx.summary.vendor.length).toBeGreaterThan(0);
    expect(ctx.summary.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(256);
    // Optional features are on the device exactly when the adapter has them.
    for (const [f, has] of Object.entries(ctx.summary.features)) expect(ctx.device.features.has(f)).toBe(has);
  });

  test('runs a compute shader on random input and times it', async () => {
    const input = Array.from({ length: 300 }, () => Math.fround(next() * 20 - 10));
    const { output, timing } = await runScratchShader(ctx, { code: SCRATCH_EXAMPLE, input });
    const expected = input.map((x) => Math.fround(x * x + 1));
    output.forEach((y, i) => expect(y).toBeCloseTo(expected[i], 4));
    expect(timing.ms).toBeGreaterThan(0);
    expect(timing.source).toBe(ctx.summary.features['timestamp-query'] ? 'timestamp' : 'wall');
  });

  test('a compile error names label, line and column', async () => {
    const code = SCRATCH_EXAMPLE.replace('data[i] * data[i]', 'data[i] * nope');
    const line = code.split('\n').findIndex((l) => l.includes('nope')) + 1;
    const err = await ctx.pipeline({ code, label: 'bad.wgsl' }).catch((e) => e);
    expect(err).toBeInstanceOf(ShaderCompileError);
    expect(err.message).toMatch(new RegExp(`^bad\\.wgsl:${line}:\\d+: error: .*nope`));
    expect(err.diagnostics[0].lineText).toContain('nope');
    // A failed compile is not cached, so a fixed shader compiles afterwards.
    await expect(ctx.pipeline({ code: SCRATCH_EXAMPLE, label: 'good.wgsl' })).resolves.toBeDefined();
  });

  test('pipelines are cached by source', async () => {
    const a = await ctx.pipeline({ code: SCRATCH_EXAMPLE });
    const b = await ctx.pipeline({ code: SCRATCH_EXAMPLE });
    expect(a).toBe(b);
  });

  test('buffers round-trip odd byte lengths', async () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    const buf = createBufferFrom(ctx.device, data, GPUBufferUsage.STORAGE);
    expect(new Uint8Array(await readBuffer(ctx.device, buf, 7))).toEqual(data);
  });

  test('recovers from a destroyed device and runs again', async () => {
    const before = ctx.device;
    ctx.simulateLoss();
    await expect.poll(() => events.some((e) => e.type === 'device-restored'), { timeout: 20_000 }).toBe(true);
    expect(events.find((e) => e.type === 'device-lost')).toMatchObject({ reason: 'destroyed' });
    expect(ctx.device).not.toBe(before);
    const { output } = await runScratchShader(ctx, { code: SCRATCH_EXAMPLE, input: [3] });
    expect(output).toEqual([10]);
  });
});

test('parseNumberList says which item is not a number', () => {
  expect(parseNumberList('1, 2 3,4')).toEqual([1, 2, 3, 4]);
  expect(() => parseNumberList('1, x, 3')).toThrow(/item 2 \("x"\)/);
  expect(() => parseNumberList('1, Infinity')).toThrow(/item 2/);
});
