/**
 * `npm run lab -- --task niah|vt --lengths 256,512,1024 [--model DIR] [--samples N] [--quick] --json FILE`
 * Retrieval accuracy of a recall model (default: the shipped public/models/recall-llama) against compression, for
 * prefill patterns (block top-k, vertical-slash, local window) and decode (Quest), on our kernels in Node (Dawn).
 * Writes { model, task, results: [{ phase, method, compression, length, accuracy, samples, density }] }.
 * `--task niah` asks 4 keys among min(16, L/8) pairs (multi-key; `--single` for one needle). `--task vt` (variable
 * tracking) is refused: the shipped model was not trained on it. `--quick`: the model's longest trained length,
 * 6 samples, compressions 2 and 8. Hub ids are not fetched here (no network in this CLI): give a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nodeGpu } from '../gpu/node-gpu';
import { GpuContext } from '../gpu/context';
import { loadModelFiles, MODEL_FILES, type ModelFiles } from './load';
import { LmModel } from './model';
import { recallVocab } from './recall-task';
import { runLab } from './lab';

const CURRICULUM = [64, 128, 256, 512, 1024];

export async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const task = arg('--task') ?? 'niah';
  if (task === 'vt') {
    console.error(
      '--task vt: variable tracking needs a model trained on it; the shipped recall model was trained on associative recall only (use --task niah)',
    );
    return 2;
  }
  if (task !== 'niah') {
    console.error(`--task ${task}: must be niah or vt`);
    return 2;
  }
  const dir = arg('--model') ?? 'public/models/recall-llama';
  if (!fs.existsSync(path.join(dir, 'config.json'))) {
    console.error(`--model ${dir}: no config.json there (hub ids are not fetched by this CLI: download the folder first)`);
    return 2;
  }
  const files: ModelFiles = {};
  for (const f of MODEL_FILES) if (fs.existsSync(path.join(dir, f))) files[f] = fs.readFileSync(path.join(dir, f));
  const { config, weights } = loadModelFiles(files);
  const vocab = recallVocab(JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')).model.vocab);
  let lengths = (arg('--lengths') ?? '256,512,1024').split(',').map(Number);
  if (quick) {
    const log = fs.existsSync(path.join(dir, 'training.json'))
      ? JSON.parse(fs.readFileSync(path.join(dir, 'training.json'), 'utf8'))
      : { stage: 3 };
    lengths = [CURRICULUM[log.stage] ?? 512];
  }
  const bad = lengths.find((l) => !Number.isInteger(l) || l < 32 || l > config.maxPositions);
  if (bad !== undefined) {
    console.error(`--lengths: ${bad} must be an integer from 32 to the model's ${config.maxPositions} positions`);
    return 2;
  }
  const samples = Number(arg('--samples') ?? (quick ? 6 : 32));
  if (!Number.isInteger(samples) || samples < 1 || samples > 10_000) {
    console.error(`--samples ${arg('--samples')}: must be an integer from 1 to 10000`);
    return 2;
  }
  const ctx = await GpuContext.create(await nodeGpu());
  const model = await LmModel.load(ctx, config, weights, { capacity: Math.max(...lengths) + 8 });
  try {
    const results = await runLab(model, vocab, {
      task: argv.includes('--single') ? 'niah' : 'mk-niah',
      lengths,
      samples,
      compressions: quick ? [2, 8] : [2, 4, 8],
      patterns: ['block-topk', 'vertical-slash', 'local-window'],
      onProgress: (d, t, r) =>
        r &&
        console.log(
          `[${d}/${t}] ${r.phase} ${r.method} ×${r.compression} L${r.length}: ${(100 * r.accuracy).toFixed(1)}% (density ${r.density.toFixed(2)})`,
        ),
    });
    const report = { model: dir, task, results };
    const out = arg('--json');
    if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    else console.log(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    model.destroy();
    ctx.close();
  }
}
