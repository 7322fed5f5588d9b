// The ONNX models for the onnxruntime-web peer are built by code: decode them back and check the graph.
import { expect, test } from 'vitest';
import { ModelProto, causalBias, matMulSoftmaxModel, multiHeadAttentionModel } from '../../../src/attention/bench/onnx-model';
import { bhsdToBshd, bshdToBhsd, repeatKvHeads } from '../../../src/attention/bench/layout';
import { maxRelativeError, referenceAttention } from '../../../src/attention/core/reference';
import { mulberry32 } from '../../../src/util/random';

const next = mulberry32(11);

const shape = { B: 2, H: 4, KVH: 2, Sq: 5, Skv: 7, D: 8, causal: true };
type Decoded = {
  irVersion: number;
  opsetImport: { domain: string; version: number }[];
  graph: {
    node: {
      opType: string;
      domain?: string;
      input: string[];
      output: string[];
      attribute?: { name: string; i?: number; ints?: number[] }[];
    }[];
    input: { name: string; type: { tensorType: { elemType: number; shape: { dim: { dimValue: number }[] } } } }[];
    output: { name: string }[];
    initializer: { name: string; dims: number[]; floatData: number[] }[];
  };
};
const decode = (bytes: Uint8Array) => ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: false }) as Decoded;

test('MultiHeadAttention model: one com.microsoft node with num_heads, [B,S,H·D] inputs, causal bias', () => {
  const m = decode(multiHeadAttentionModel(shape));
  expect(m.irVersion).toBe(8);
  // The default domain is the empty string, which proto3 leaves off the wire.
  expect(m.opsetImport).toEqual([{ version: 17 }, { domain: 'com.microsoft', version: 1 }]);
  expect(m.graph.node).toHaveLength(1);
  const node = m.graph.node[0];
  expect(node).toMatchObject({ opType: 'MultiHeadAttention', domain: 'com.microsoft', output: ['output'] });
  expect(node.input).toEqual(['query', 'key', 'value', '', '', 'causal_bias']);
  expect(node.attribute).toEqual([{ name: 'num_heads', type: 2, i: 4 }]);
  expect(m.graph.input.map((i) => [i.name, i.type.tensorType.elemType, i.type.tensorType.shape.dim.map((d) => d.dimValue)])).toEqual([
    ['query', 1, [2, 5, 32]],
    ['key', 1, [2, 7, 32]],
    ['value', 1, [2, 7, 32]],
  ]);
  const bias = m.graph.initializer[0];
  expect(bias.dims).toEqual([1, 1, 5, 7]);
  expect(bias.floatData).toEqual(Array.from(causalBias(5, 7)));
  // Non-causal: no bias input at all.
  expect(decode(multiHeadAttentionModel({ ...shape, causal: false })).graph.node[0].input).toEqual(['query', 'key', 'value']);
});

test('plain graph: Transpose, MatMul, Mul(1/√D), Add(mask), Softmax(-1), MatMul', () => {
  const m = decode(matMulSoftmaxModel(shape));
  expect(m.graph.node.map((n) => n.opType)).toEqual(['Transpose', 'MatMul', 'Mul', 'Add', 'Softmax', 'MatMul']);
  expect(m.graph.node[0].attribute?.[0]).toMatchObject({ name: 'perm', ints: [0, 1, 3, 2] });
  expect(m.graph.node[4].attribute?.[0]).toMatchObject({ name: 'axis', i: -1 });
  const scale = m.graph.initializer.find((t) => t.name === 'scale')!;
  expect(scale.floatData[0]).toBeCloseTo(1 / Math.sqrt(8), 6);
  expect(m.graph.output.map((o) => o.name)).toEqual(['output']);
  expect(decode(matMulSoftmaxModel({ ...shape, causal: false })).graph.node.map((n) => n.opType)).not.toContain('Add');
});

test('causal bias: query i (the last Sq of Skv positions) sees keys j ≤ i + Skv − Sq', () => {
  const b = causalBias(2, 4);
  expect(Array.from(b)).toEqual([0, 0, 0, -1e9, 0, 0, 0, 0]);
});

test('layouts: BHSD ↔ BSHD round-trips; KV heads repeat per group', () => {
  const d = { B: 2, H: 3, S: 4, D: 4 };
  const x = Float32Array.from({ length: 96 }, () => next());
  const y = bhsdToBshd(x, d);
  expect(y[(1 * 4 + 2) * 3 * 4 + 1 * 4 + 3]).toBe(x[((1 * 3 + 1) * 4 + 2) * 4 + 3]);
  expect(bshdToBhsd(y, d)).toEqual(x);
  const kv = Float32Array.from({ length: 2 * 2 * 3 * 4 }, (_, i) => i);
  const rep = repeatKvHeads(kv, { B: 2, KVH: 2, S: 3, D: 4 }, 3);
  // batch 1, query head 4 reads kv head 1
  expect(Array.from(rep.subarray((1 * 6 + 4) * 12, (1 * 6 + 5) * 12))).toEqual(Array.from(kv.subarray((1 * 2 + 1) * 12, (1 * 2 + 2) * 12)));
});

test('both models compute attention: onnxruntime-web (CPU wasm EP in Node) matches the float64 reference', async () => {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const rand = (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1);
  for (const s of [
    { B: 1, H: 2, KVH: 2, Sq: 9, Skv: 9, D: 8, causal: false },
    { B: 2, H: 2, KVH: 2, Sq: 5, Skv: 11, D: 4, causal: true },
  ]) {
    const q = rand(s.B * s.H * s.Sq * s.D),
      k = rand(s.B * s.KVH * s.Skv * s.D),
      v = rand(s.B * s.KVH * s.Skv * s.D);
    const ref = referenceAttention(s, { q, k, v });
    const qd = { B: s.B, H: s.H, S: s.Sq, D: s.D },
      kd = { B: s.B, H: s.H, S: s.Skv, D: s.D };
    const mha = await ort.InferenceSession.create(multiHeadAttentionModel(s), { executionProviders: ['wasm'] });
    const a = await mha.run({
      query: new ort.Tensor('float32', bhsdToBshd(q, qd), [s.B, s.Sq, s.H * s.D]),
      key: new ort.Tensor('float32', bhsdToBshd(k, kd), [s.B, s.Skv, s.H * s.D]),
      value: new ort.Tensor('float32', bhsdToBshd(v, kd), [s.B, s.Skv, s.H * s.D]),
    });
    expect(maxRelativeError(bshdToBhsd(a.output.data as Float32Array, qd), ref)).toBeLessThan(1e-5);
    const plain = await ort.InferenceSession.create(matMulSoftmaxModel(s), { executionProviders: ['wasm'] });
    const b = await plain.run({
      q: new ort.Tensor('float32', q, [s.B, s.H, s.Sq, s.D]),
      k: new ort.Tensor('float32', k, [s.B, s.H, s.Skv, s.D]),
      v: new ort.Tensor('float32', v, [s.B, s.H, s.Skv, s.D]),
    });
    expect(maxRelativeError(b.output.data as Float32Array, ref)).toBeLessThan(1e-5);
    await mha.release();
    await plain.release();
  }
});
