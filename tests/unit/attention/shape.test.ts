// Shape checks against given GPU capabilities (CPU only), so limits smaller than this adapter's are covered too.
import { expect, test } from 'vitest';
import {
  AttentionInputError,
  attentionFlops,
  validateInputs,
  validateShape,
  type AttentionShape,
  type GpuCapabilities,
} from '../../../src/attention/core';

const caps = (over: Partial<GpuCapabilities['limits']> = {}, features: string[] = []): GpuCapabilities => ({
  limits: {
    maxStorageBufferBindingSize: 128 << 20,
    maxBufferSize: 256 << 20,
    maxComputeWorkgroupStorageSize: 16384,
    maxComputeWorkgroupsPerDimension: 65535,
    ...over,
  },
  features: new Set(features),
});
const shape: AttentionShape = { B: 1, H: 8, KVH: 2, Sq: 1024, Skv: 1024, D: 128, causal: true };

test('a good shape passes', () => {
  expect(() => validateShape(shape, caps(), 'f32')).not.toThrow();
  expect(() => validateShape(shape, caps({}, ['shader-f16']), 'f16')).not.toThrow();
});

test('each limit is named with what was needed', () => {
  // K and V tiles of 4 keys (4·2·D·4 bytes) must fit workgroup storage: D = 128 fits 4096 bytes exactly, D = 256 does not.
  expect(() => validateShape(shape, caps({ maxComputeWorkgroupStorageSize: 4096 }))).not.toThrow();
  expect(() => validateShape({ ...shape, D: 256 }, caps({ maxComputeWorkgroupStorageSize: 4096 }))).toThrow(
    /shape\.D = 256 needs 8192 bytes of workgroup storage \(K and V tiles of 4 keys\), over this GPU's limit of 4096/,
  );
  expect(() => validateShape(shape, caps({ maxStorageBufferBindingSize: 1 << 20 }))).toThrow(
    /Q \[B,H,Sq,D\] needs 4194304 bytes, over this GPU's storage buffer binding limit of 1048576 bytes/,
  );
  expect(() => validateShape(shape, caps(), 'f16')).toThrow(/dtype f16 needs the "shader-f16" feature/);
  expect(() =>
    validateShape({ ...shape, H: 70000, KVH: 70000 }, caps({ maxStorageBufferBindingSize: 2 ** 40, maxBufferSize: 2 ** 40 })),
  ).toThrow(/65535 workgroups per dimension/);
  expect(() => validateShape({ ...shape, causal: 1 as unknown as boolean }, caps())).toThrow(/shape\.causal = 1: must be true or false/);
  expect(() => validateShape({ ...shape, Sq: 2.5 }, caps())).toThrow(AttentionInputError);
});

test('FLOPs: 4·B·H·Sq·Skv·D, halved for causal', () => {
  expect(attentionFlops({ ...shape, causal: false })).toBe(4 * 8 * 1024 * 1024 * 128);
  expect(attentionFlops(shape)).toBe(2 * 8 * 1024 * 1024 * 128);
});

test('f16 storage refuses values it would turn into Inf, naming where', () => {
  const small: AttentionShape = { B: 1, H: 1, KVH: 1, Sq: 2, Skv: 3, D: 4, causal: false };
  const inputs = { q: new Float32Array(8).fill(0.5), k: new Float32Array(12).fill(-0.5), v: new Float32Array(12).fill(1) };
  inputs.v[9] = 70000;
  expect(() => validateInputs(small, inputs, 'f32')).not.toThrow();
  expect(() => validateInputs(small, inputs, 'f16')).toThrow(
    /v\[9\] \(b=0, head=0, row=2, d=1\) is 70000: f16 storage holds at most ±65504/,
  );
});
