// Untrusted model files: each bad input is a clear error naming what and where, with the numbers.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSafetensors, writeSafetensors, MAX_HEADER_BYTES } from '../../../src/lm/safetensors';
import { parameterCount, parseConfig } from '../../../src/lm/config';
import { loadWeights } from '../../../src/lm/weights';
import { checkFits } from '../../../src/lm/model';
import { lmTokenizer } from '../../../src/lm/tokenizer';
import { tinyCheckpoint } from '../../../src/lm/tiny';

const ck = tinyCheckpoint('llama', { vocab: 50, hidden: 16, layers: 1, heads: 2, kvHeads: 1, intermediate: 32, maxPositions: 64, seed: 1 });
const file = writeSafetensors(ck.tensors);

describe('safetensors', () => {
  it('reads f32, f16 and bf16', () => {
    const header = JSON.stringify({
      a: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      b: { dtype: 'BF16', shape: [1], data_offsets: [4, 6] },
    });
    const bytes = new Uint8Array(8 + header.length + 6);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    new DataView(bytes.buffer).setUint16(8 + header.length, 0x3c00, true); // 1.0 in f16
    new DataView(bytes.buffer).setUint16(8 + header.length + 2, 0xc000, true); // -2.0
    new DataView(bytes.buffer).setUint16(8 + header.length + 4, 0x4040, true); // 3.0 in bf16
    const st = parseSafetensors(bytes);
    expect(Array.from(st.f32('a'))).toEqual([1, -2]);
    expect(Array.from(st.f32('b'))).toEqual([3]);
  });
  it('a truncated file names the tensor and the bytes', () => {
    expect(() => parseSafetensors(file.slice(0, file.length - 10))).toThrow(
      /tensor .* ends at byte \d+ of the data but the file holds \d+ \(truncated\)/,
    );
    expect(() => parseSafetensors(file.slice(0, 5))).toThrow(/5 bytes, too short/);
    expect(() => parseSafetensors(file.slice(0, 40))).toThrow(/header says \d+ bytes but the file has 32/);
  });
  it('a huge header length is refused before reading', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES + 1), true);
    expect(() => parseSafetensors(bytes)).toThrow(`header of ${MAX_HEADER_BYTES + 1} bytes exceeds the ${MAX_HEADER_BYTES}-byte cap`);
  });
  it('garbage, a bad dtype and inconsistent offsets', () => {
    const bad = (header: string) => {
      const b = new Uint8Array(8 + header.length + 8);
      new DataView(b.buffer).setBigUint64(0, BigInt(header.length), true);
      b.set(new TextEncoder().encode(header), 8);
      return b;
    };
    expect(() => parseSafetensors(bad('{"a": nope'))).toThrow(/header is not valid JSON/);
    expect(() => parseSafetensors(bad('{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}'))).toThrow(
      /tensor a: dtype "I64" is not supported/,
    );
    expect(() => parseSafetensors(bad('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}'))).toThrow(
      /tensor a: 8 bytes for shape \[3\] of F32, which needs 12/,
    );
  });
  it('a tensor of the wrong shape or a missing tensor names it', () => {
    const cfg = parseConfig({ ...ck.config, hidden_size: 24, head_dim: 12 });
    expect(() => loadWeights(cfg, parseSafetensors(file))).toThrow(
      /tensor model.layers.0.input_layernorm.weight has shape \[16\], expected \[24\]/,
    );
    const { ['model.norm.weight']: _, ...rest } = ck.tensors;
    expect(() => loadWeights(parseConfig(ck.config), parseSafetensors(writeSafetensors(rest)))).toThrow(/tensor norm.weight is missing/);
  });
});

describe('config.json', () => {
  it('an unsupported architecture names the model_type', () => {
    expect(() => parseConfig({ model_type: 'bert', hidden_size: 8 })).toThrow(
      'model_type "bert" is not supported (gpt2, llama, qwen2, mistral)',
    );
    expect(() => parseConfig({ ...ck.config, num_key_value_heads: 3 })).toThrow(
      'num_attention_heads = 2 is not a multiple of num_key_value_heads = 3',
    );
    expect(() => parseConfig({ ...ck.config, rope_scaling: { rope_type: 'yarn' } })).toThrow(/rope_scaling "yarn" is not supported/);
    expect(() => parseConfig({ ...ck.config, vocab_size: -3 })).toThrow('vocab_size = -3: must be a positive integer');
  });
  it('reads SmolLM2-135M and gpt2 as published', () => {
    const smol = parseConfig({
      model_type: 'llama',
      hidden_size: 576,
      intermediate_size: 1536,
      num_hidden_layers: 30,
      num_attention_heads: 9,
      num_key_value_heads: 3,
      max_position_embeddings: 8192,
      rms_norm_eps: 1e-5,
      rope_theta: 100000,
      vocab_size: 49152,
      tie_word_embeddings: true,
      hidden_act: 'silu',
      rope_scaling: null,
    });
    expect(smol).toMatchObject({ arch: 'llama', headDim: 64, kvHeads: 3, tiedEmbeddings: true, qkvBias: false });
    const qwen = parseConfig({
      model_type: 'qwen2',
      hidden_size: 896,
      intermediate_size: 4864,
      num_hidden_layers: 24,
      num_attention_heads: 14,
      num_key_value_heads: 2,
      max_position_embeddings: 32768,
      vocab_size: 151936,
      tie_word_embeddings: true,
    });
    expect(qwen).toMatchObject({ qkvBias: true, headDim: 64 });
    expect(parseConfig({ model_type: 'gpt2', n_embd: 768, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 })).toMatchObject({
      arch: 'gpt2',
      headDim: 64,
      intermediate: 3072,
    });
  });
  it('counts parameters as the checkpoints hold them', () => {
    const recall = parseConfig(JSON.parse(fs.readFileSync('public/models/recall-llama/config.json', 'utf8')));
    expect(parameterCount(recall)).toBe(320_640);
    const st = parseSafetensors(file);
    expect(parameterCount(parseConfig(ck.config))).toBe(
      st.names.reduce((n, name) => n + st.info(name)!.shape.reduce((a, b) => a * b, 1), 0),
    );
  });
  it('a model too large for the adapter is refused with the numbers', () => {
    const qwen = parseConfig({
      model_type: 'qwen2',
      hidden_size: 896,
      intermediate_size: 4864,
      num_hidden_layers: 24,
      num_attention_heads: 14,
      num_key_value_heads: 2,
      max_position_embeddings: 32768,
      vocab_size: 151936,
      tie_word_embeddings: true,
    });
    expect(() => checkFits(qwen, 1024, { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 })).toThrow(
      "model too large for this GPU: its embedding [V, C] needs 519.3 MiB in one buffer, over the adapter's 128.0 MiB storage-buffer limit",
    );
  });
});

describe('tokenizer.json', () => {
  it('a tokenizer with ids beyond the model vocabulary is refused', () => {
    const tj = JSON.parse(fs.readFileSync('public/models/recall-llama/tokenizer.json', 'utf8'));
    expect(() => lmTokenizer(tj, {}, 10)).toThrow(/token id \d+ does not fit the model's vocabulary of 10/);
    expect(() => lmTokenizer({ nothing: 1 }, {}, 10)).toThrow(/not a tokenizer.json/);
    const tok = lmTokenizer(tj, {}, 1000);
    expect(tok.decode(tok.encode('k3 v7 w1'))).toBe('k3 v7 w1');
  });
});
