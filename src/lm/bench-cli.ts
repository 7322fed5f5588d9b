/**
 * `npm run bench:lm -- [--quick] [--runtime node] --json FILE`: our runtime against transformers.js on the same
 * weights, in one run — correctness checks (every prefill position + greedy decode steps) and speed (prefill and
 * decode tokens/s, joules per token from src/energy's estimate), for the tiny random GPT-2 and Llama checkpoints and
 * the shipped recall model (public/models/recall-llama, given an ONNX twin here).
 *
 * Writes { adapter, checks: [{model, arch, maxRelErr, sameGreedyTokens, steps}], results: [{model, phase, tokens, ms,
 * tokPerS, joulesPerToken}], peers: [{name, model, phase, tokPerS, ratio}], matmul: [{model, phase, tokens, tiledMs,
 * subgroupsMs, ratio}] } (peers' ratio = our tokens/s ÷ the peer's; matmul's = tiled ms ÷ subgroup ms, same run).
 * The peer in Node is transformers.js on onnxruntime-node's CPU backend (no WebGPU in Node); its name says so.
 * Only `--runtime node` exists so far (the browser runtime is the GPU worker; no Chromium driver for this bench yet).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoModelForCausalLM, Tensor, env } from '@huggingface/transformers';
import { nodeGpu } from '../gpu/node-gpu';
import { GpuContext } from '../gpu/context';
import { adapterLabel } from '../gpu/adapter-info';
import { estimateEnergy, powerClassFor } from '../energy';
import { TINY_LM_IDS, writeOnnxTwin, writeTinyLmModels } from '../../scripts/tiny-lm-models';
import { loadModelFiles, MODEL_FILES, type ModelFiles } from './load';
import { LmModel } from './model';
import { argmax, generateGreedy, maxRelErr } from './generate';
import type { LmArch } from './config';

export interface LmBenchReport {
  adapter: string;
  checks: { model: string; arch: LmArch; maxRelErr: number; sameGreedyTokens: boolean; steps: number }[];
  results: { model: string; phase: 'prefill' | 'decode'; tokens: number; ms: number; tokPerS: number; joulesPerToken: number }[];
  peers: { name: string; model: string; phase: 'prefill' | 'decode'; tokPerS: number; ratio: number }[];
  /**
   * Prefill on the two matmul kernels from the same run, where the adapter has subgroups (empty otherwise):
   * ratio = tiled ms ÷ subgroups ms (> 1: the subgroup kernel is faster). `results` use the default (subgroups there).
   */
  matmul: { model: string; phase: 'prefill'; tokens: number; tiledMs: number; subgroupsMs: number; ratio: number }[];
}

const PEER = 'transformers.js 4 (onnxruntime-node, CPU)';
const SHIPPED = 'recall-llama';

export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const jsonAt = argv.indexOf('--json');
  const out = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const rtAt = argv.indexOf('--runtime');
  const runtime = rtAt >= 0 ? argv[rtAt + 1] : 'node';
  if (runtime !== 'node') {
    console.error(`--runtime ${runtime}: only "node" (Dawn) is implemented`);
    return 2;
  }
  if (jsonAt >= 0 && !out) {
    console.error('--json needs a file name');
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lm-'));
  const ctx = await GpuContext.create(await nodeGpu());
  try {
    writeTinyLmModels(dir);
    const shipped = path.join(dir, SHIPPED);
    fs.cpSync(path.join('public/models', SHIPPED), shipped, { recursive: true });
    writeOnnxTwin(shipped);
    env.localModelPath = `${dir}/`;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const report: LmBenchReport = { adapter: adapterLabel(ctx.summary), checks: [], results: [], peers: [], matmul: [] };
    const power = powerClassFor(ctx.summary);
    const steps = quick ? 8 : 32;
    const promptLen = quick ? 32 : 128;
    for (const id of [TINY_LM_IDS.gpt2, TINY_LM_IDS.llama, SHIPPED]) {
      const files: ModelFiles = {};
      for (const f of MODEL_FILES) files[f] = fs.readFileSync(path.join(dir, id, f));
      const { config, weights } = loadModelFiles(files);
      const prompt = Array.from({ length: promptLen }, (_, i) => (i * 7919 + 13) % config.vocab);
      const model = await LmModel.load(ctx, config, weights, { capacity: promptLen + steps, logitRows: promptLen });
      const theirs = await AutoModelForCausalLM.from_pretrained(id, { device: 'cpu', dtype: 'fp32' });
      try {
        const ids = (t: number[]) => new Tensor('int64', BigInt64Array.from(t.map(BigInt)), [1, t.length]);
        const generate = async (n: number) =>
          Array.from(
            (
              (await theirs.generate({
                input_ids: ids(prompt),
                attention_mask: ids(prompt.map(() => 1)),
                max_new_tokens: n,
                min_new_tokens: n,
                do_sample: false,
              })) as Tensor
            ).data as BigInt64Array,
            Number,
          ).slice(prompt.length);
        // Check: every prefill position and `steps` greedy steps against their logits on the same sequence.
        const ours = await model.prefill(prompt, { allLogits: true });
        const gen = await generateGreedy(model, prompt, { maxNewTokens: steps });
        const theirTokens = await generate(steps);
        const seq = [...prompt, ...gen.tokens];
        const ref = (await theirs({ input_ids: ids(seq), attention_mask: ids(seq.map(() => 1)) })).logits.data as Float32Array;
        const V = config.vocab;
        let err = maxRelErr(ours.logits, ref.subarray(0, prompt.length * V));
        gen.logits.forEach(
          (l, i) => (err = Math.max(err, maxRelErr(l, ref.subarray((prompt.length - 1 + i) * V, (prompt.length + i) * V)))),
        );
        const same =
          theirTokens.length === gen.tokens.length &&
          theirTokens.every((t, i) => t === gen.tokens[i]) &&
          gen.logits.every((l, i) => argmax(l) === gen.tokens[i]);
        report.checks.push({ model: id, arch: config.arch, maxRelErr: err, sameGreedyTokens: same, steps });

        // Speed: a warm-up run, then the median of 3 (prefill; decode of `steps` tokens).
        const runs = [];
        for (let r = 0; r < 4; r++) runs.push(await generateGreedy(model, prompt, { maxNewTokens: steps }));
        const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const preMs = med(runs.slice(1).map((r) => r.prefillMs));
        const decMs = med(runs.slice(1).map((r) => r.decodeMs));
        const decTokens = steps - 1;
        const row = (phase: 'prefill' | 'decode', tokens: number, ms: number) => {
          const tokPerS = (tokens / ms) * 1000;
          report.results.push({
            model: id,
            phase,
            tokens,
            ms,
            tokPerS,
            joulesPerToken: estimateEnergy({ gpuMs: ms, powerClass: power }).joules / tokens,
          });
          return tokPerS;
        };
        const ourPre = row('prefill', prompt.length, preMs);
        const ourDec = row('decode', decTokens, decMs);
        // The same prefill on the tiled matmul (workgroup memory), when the default was the subgroup kernel:
        // runs of the two interleaved (a warm-up each, then the median of 3) so that load on the machine hits both alike.
        if (model.matmul === 'subgroups') {
          const tiled = await LmModel.load(ctx, config, weights, { capacity: promptLen + steps, matmul: 'tiled' });
          try {
            const ms: Record<'tiled' | 'subgroups', number[]> = { tiled: [], subgroups: [] };
            for (let r = 0; r < 4; r++) {
              ms.subgroups.push((await generateGreedy(model, prompt, { maxNewTokens: 1 })).prefillMs);
              ms.tiled.push((await generateGreedy(tiled, prompt, { maxNewTokens: 1 })).prefillMs);
            }
            const [tiledMs, subgroupsMs] = [med(ms.tiled.slice(1)), med(ms.subgroups.slice(1))];
            report.matmul.push({ model: id, phase: 'prefill', tokens: prompt.length, tiledMs, subgroupsMs, ratio: tiledMs / subgroupsMs });
            console.log(`${id}: prefill ${subgroupsMs.toFixed(1)} ms on the subgroup matmul, ${tiledMs.toFixed(1)} ms on the tiled one`);
          } finally {
            tiled.destroy();
          }
        }
        // Peer: prefill = generate 1 token; decode = generate `steps` minus that.
        const time = async (f: () => Promise<unknown>) => {
          const t = performance.now();
          await f();
          return performance.now() - t;
        };
        // Its decode rate is the difference of two medians, so it runs 32 + 1 tokens even in --quick (measurable).
        const peerSteps = 33;
        await generate(2);
        const reps = async (n: number) => {
          const ts = [];
          for (let r = 0; r < 5; r++) ts.push(await time(() => generate(n)));
          return med(ts);
        };
        const t1 = await reps(1);
        const tN = await reps(peerSteps);
        const peerPre = (prompt.length / t1) * 1000;
        const peerDec = ((peerSteps - 1) / (tN - t1)) * 1000;
        report.peers.push({ name: PEER, model: id, phase: 'prefill', tokPerS: peerPre, ratio: ourPre / peerPre });
        report.peers.push({ name: PEER, model: id, phase: 'decode', tokPerS: peerDec, ratio: ourDec / peerDec });
        console.log(
          `${id}: maxRelErr ${err.toExponential(2)}, same greedy tokens ${same}; prefill ${ourPre.toFixed(0)} tok/s (peer ${peerPre.toFixed(0)}), decode ${ourDec.toFixed(1)} tok/s (peer ${peerDec.toFixed(1)})`,
        );
      } finally {
        model.destroy();
        await theirs.dispose();
      }
    }
    const text = JSON.stringify(report, null, 2);
    if (out) fs.writeFileSync(out, text + '\n');
    else console.log(text);
    return report.checks.every((c) => c.maxRelErr <= 1e-3 && c.sameGreedyTokens) ? 0 : 1;
  } finally {
    ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
