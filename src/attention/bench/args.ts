/**
 * Command-line flags of `npm run bench` (src/attention/bench-cli.ts).
 *
 * Example:
 *   parseBenchArgs(['--quick', '--shape', 'B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1', '--json', 'out.json']);
 *   // { runtime: 'browser', quick: true, shapes: [{ B: 1, ... }], json: 'out.json', help: false }
 */
import { parseShape, type BenchShape } from './shape';

export type BenchRuntime = 'browser' | 'node';

export interface BenchArgs {
  runtime: BenchRuntime;
  quick: boolean;
  /** Empty: the suite's default shapes. */
  shapes: BenchShape[];
  json?: string;
  help: boolean;
}

/** A bad command line; the CLI prints the message and exits with status 2. */
export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

export const BENCH_USAGE = `usage: npm run bench -- [--runtime browser|node] [--quick] [--shape SPEC]... [--json FILE]

  --runtime browser  (default) build-free: serves dist/ and runs the suite in headless Chromium,
                     with the onnxruntime-web peers; needs "npm run build" first
  --runtime node     runs the same suite through Dawn (the webgpu package); ORT peers are skipped
  --quick            CI-sized cases (about a minute on a 2-core machine with SwiftShader)
  --shape SPEC       e.g. B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1; repeatable; runs every kernel
                     that applies (decode kernels when Sq=1)
  --json FILE        also write the results as JSON to FILE`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { runtime: 'browser', quick: false, shapes: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // --flag=value is accepted as well as --flag value.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new BenchArgsError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--runtime': {
        const r = value();
        if (r !== 'browser' && r !== 'node') throw new BenchArgsError(`--runtime ${r}: use "browser" or "node"`);
        args.runtime = r;
        break;
      }
      case '--shape':
        try {
          args.shapes.push(parseShape(value()));
        } catch (e) {
          if (e instanceof BenchArgsError) throw e;
          throw new BenchArgsError(`--shape: ${(e as Error).message}`);
        }
        break;
      case '--json': {
        args.json = value();
        break;
      }
      default:
        throw new BenchArgsError(`unknown argument "${arg}"`);
    }
  }
  return args;
}
