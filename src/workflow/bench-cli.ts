/**
 * `npm run bench:workflow` — the planner benchmark: plans every instruction of the suite (src/workflow/suite)
 * with each planner (see `planners`) and prints, per planner, split and category, the strict success rate (the
 * plan does what was asked, or correctly refuses what the function library cannot express) beside the type-only
 * rate (checks clean, ends in the right type), then the instructions the library cannot express.
 *
 *   npm run bench:workflow
 *   OPENAI_API_KEY=… npm run bench:workflow -- --url http://127.0.0.1:8080/v1 --model qwen2.5-0.5b-instruct
 *   npm run bench:workflow -- --transformers-model onnx-community/Qwen2.5-0.5B-Instruct [--model-dir DIR] [--dtype q8]
 *       (an in-browser-class model run here by onnxruntime-node; from the hub into transformers.js's cache, or from
 *        DIR/<model id>/ without network)
 *   npm run bench:workflow -- --json            # machine-readable results
 *   npm run bench:workflow -- --failures        # list each failed case with its reasons
 *   npm run bench:workflow -- --limit 10        # the first 10 cases only (quick LLM checks)
 * The key comes only from the OPENAI_API_KEY environment variable: a key on the command line would be visible to
 * every user of the machine (`ps`) and kept in shell history, so `--openai-key` is refused with an error.
 */
import { getRegistry } from './functions/implementations';
import { openAiCompatible } from '../llm/openai';
import { engineBackend } from '../llm/engine-backend';
import { TransformersEngine } from '../llm/transformers-engine';
import { runSuite, SUITE, type SuiteResult } from './suite';
import type { PlanOptions } from './planner';
import { PLANNER_GRAMMARS } from './planner/constrained';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function pct(passed: number, total: number): string {
  return `${((100 * passed) / Math.max(1, total)).toFixed(1)}%`;
}

function tally(label: string, b: { passed: number; typeOnly: number; total: number }): string {
  return `  ${label.padEnd(18)} strict ${String(b.passed).padStart(3)}/${String(b.total).padEnd(3)} ${pct(b.passed, b.total).padStart(6)}   type-only ${String(b.typeOnly).padStart(3)}/${String(b.total).padEnd(3)} ${pct(b.typeOnly, b.total).padStart(6)}`;
}

function report(r: SuiteResult, failures: boolean): string {
  const lines = [
    `planner ${r.backend}: strict ${r.passed}/${r.total} = ${pct(r.passed, r.total)}, type-only ${r.typeOnly}/${r.total} = ${pct(r.typeOnly, r.total)}`,
  ];
  for (const [split, b] of Object.entries(r.bySplit)) lines.push(tally(`split ${split}`, b));
  for (const [cat, b] of Object.entries(r.byCategory)) lines.push(tally(cat, b));
  const expressible = r.cases.filter((c) => c.expressible);
  const refusals = r.cases.filter((c) => !c.expressible);
  lines.push(
    tally('expressible', {
      passed: expressible.filter((c) => c.ok).length,
      typeOnly: expressible.filter((c) => c.typeOnly).length,
      total: expressible.length,
    }),
    tally('refusals', {
      passed: refusals.filter((c) => c.ok).length,
      typeOnly: refusals.filter((c) => c.typeOnly).length,
      total: refusals.length,
    }),
  );
  const status = (s: string) => r.cases.filter((c) => c.status === s).length;
  lines.push(`  status: ok ${status('ok')}, partial ${status('partial')}, failed ${status('failed')}`);
  const attempts = r.cases.reduce((s, c) => s + c.attempts, 0) / Math.max(1, r.cases.length);
  const ms = r.cases.reduce((s, c) => s + c.ms, 0) / Math.max(1, r.cases.length);
  lines.push(`  mean attempts ${attempts.toFixed(2)}, mean time per instruction ${ms.toFixed(1)} ms`);
  if (failures)
    for (const c of r.cases.filter((c) => !c.ok)) lines.push(`  FAIL ${c.id} (${c.split}, ${c.status}): ${c.reasons.join('; ')}`);
  return lines.join('\n');
}

/** The instructions this build's function library cannot express (the same for every planner). */
function inexpressibleReport(r: SuiteResult): string {
  return [
    `instructions the function library cannot express (${r.inexpressible.length}):`,
    ...r.inexpressible.map((c) => `  ${c.id}: "${c.instruction}" (${c.why})`),
  ].join('\n');
}

/**
 * The planners measured, in order: the offline rules always; an OpenAI-compatible endpoint with --url URL
 * --model NAME (or --openai-url/--openai-model); an in-browser-class model run here with --transformers-model
 * (grammar-constrained like the tab; --unconstrained for plain text).
 * New planners (the constrained in-browser one) are added here. Returns a usage error as a string.
 */
export function planners(argv: string[]): PlanOptions['backend'][] | string {
  const list: PlanOptions['backend'][] = ['rules'];
  const url = flag(argv, '--url') ?? flag(argv, '--openai-url');
  const model = flag(argv, '--model') ?? flag(argv, '--openai-model');
  if (url) {
    if (!model) return '--url needs --model NAME';
    list.push(openAiCompatible({ baseUrl: url, model, apiKey: process.env.OPENAI_API_KEY }));
  }
  const localModel = flag(argv, '--transformers-model');
  if (localModel) {
    list.push(
      engineBackend(
        new TransformersEngine({
          modelId: localModel,
          device: 'cpu',
          dtype: flag(argv, '--dtype') ?? 'q8',
          localModelPath: flag(argv, '--model-dir'),
        }),
        // Grammar-constrained, as the Workflows tab plans with an in-browser model; --unconstrained for the text path.
        argv.includes('--unconstrained') ? undefined : PLANNER_GRAMMARS,
      ),
    );
  }
  return list;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(
      'usage: [OPENAI_API_KEY=…] npm run bench:workflow -- [--url URL --model MODEL] [--transformers-model ID [--model-dir DIR] [--dtype q8]] [--limit N] [--json] [--failures]',
    );
    return 0;
  }
  if (argv.some((a) => a === '--openai-key' || a.startsWith('--openai-key='))) {
    console.error(
      'bench:workflow: --openai-key is not accepted (a key on the command line is visible in `ps` and shell history); set the OPENAI_API_KEY environment variable instead',
    );
    return 2;
  }
  const registry = getRegistry();
  const backends = planners(argv);
  if (typeof backends === 'string') {
    console.error(backends);
    return 2;
  }
  const limit = Number(flag(argv, '--limit') ?? 0);
  const json = argv.includes('--json');
  const results: SuiteResult[] = [];
  for (const backend of backends) {
    const label = backend === 'rules' ? 'rules' : backend.id;
    if (!json) console.log(`planning ${limit || SUITE.length} instructions with ${label}…`);
    results.push(
      await runSuite(backend, {
        registry,
        cases: limit ? SUITE.slice(0, limit) : SUITE,
        onCase: (c, i, n) => {
          if (!json && backend !== 'rules') console.log(`  [${i + 1}/${n}] ${c.ok ? 'ok  ' : 'FAIL'} ${c.id} (${c.attempts} attempts)`);
        },
      }),
    );
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  else {
    for (const r of results) console.log(report(r, argv.includes('--failures')));
    if (results[0]) console.log(inexpressibleReport(results[0]));
  }
  return 0;
}
