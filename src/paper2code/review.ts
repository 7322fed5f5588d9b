/**
 * PaperCoder's model-based evaluation: a judge lists critiques (file, function, severity, critique) and
 * gives a 1–5 correctness score; n samples are averaged. Reference-free (the paper only) or reference-based
 * (the paper and the authors' repository, given as a zip).
 *
 * Example:
 *   const review = await reviewRepository(state, { llm, samples: 4, reference: repoFromZip('authors.zip', bytes) });
 *   review.score // e.g. 3.75
 */
import { unzipSync } from 'fflate';
import { estimateTokens, repoAsText } from './context';
import { PaperInputError, paperToMarkdown } from './paper';
import { askStructured, type PipelineOptions } from './pipeline';
import { reviewMessages } from './prompts';
import { arr, num, obj, oneOf, str, parseStructured, type Parsed } from './schema';
import type { ProjectState, Review, ReviewSample } from './types';

const sampleSchema = obj({
  critiques: arr(obj({ file: str(), function: str(), severity: oneOf(['high', 'medium', 'low'] as const), critique: str() })),
  score: num({ min: 1, max: 5 }),
});

export function parseReview(answer: string): Parsed<ReviewSample> {
  return parseStructured(answer, sampleSchema);
}

const SOURCE = /\.(py|ipynb|js|ts|sh|ya?ml|json|cfg|toml|ini|md|txt)$/i;
const MAX_REFERENCE_CHARS = 2_000_000;

/** The text files of a repository zip, the common top folder (as GitHub zips have) removed. */
export function repoFromZip(name: string, bytes: Uint8Array): Record<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!SOURCE.test(f.name) || f.name.includes('__MACOSX/')) return false;
        total += f.originalSize;
        if (total > MAX_REFERENCE_CHARS * 4)
          throw new PaperInputError(`${name}: more than ${(MAX_REFERENCE_CHARS * 4) / 1e6} MB of source files`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof PaperInputError) throw e;
    throw new PaperInputError(`${name} is not a readable zip: ${e instanceof Error ? e.message : String(e)}`);
  }
  const paths = Object.keys(entries).filter((p) => !p.endsWith('/'));
  if (!paths.length) throw new PaperInputError(`${name} holds no source files (.py, .js, .yaml, .md …)`);
  const top = paths[0].split('/')[0];
  const strip = paths.every((p) => p.startsWith(`${top}/`)) ? top.length + 1 : 0;
  const out: Record<string, string> = {};
  const decoder = new TextDecoder();
  for (const p of paths.sort()) out[p.slice(strip)] = decoder.decode(entries[p]);
  return out;
}

export interface ReviewOptions extends PipelineOptions {
  /** PaperCoder averages 8; each sample is one call. */
  samples?: number;
  /** The authors' repository, for the reference-based mode. */
  reference?: Record<string, string>;
}

export async function reviewRepository(state: ProjectState, opts: ReviewOptions): Promise<Review> {
  const n = Math.max(1, Math.min(opts.samples ?? 3, 16));
  const repo = repoAsText(state.files, Object.keys(state.files));
  let reference: string | undefined;
  if (opts.reference) {
    // The reference goes in whole when it fits the context; otherwise its largest files are left out.
    const budget = (opts.contextTokens ?? 128_000) / 2;
    const files = Object.entries(opts.reference).sort((a, b) => a[1].length - b[1].length);
    const kept: Record<string, string> = {};
    let used = 0;
    for (const [p, t] of files) {
      if (used + estimateTokens(t) > budget) continue;
      kept[p] = t;
      used += estimateTokens(t);
    }
    reference = repoAsText(
      kept,
      Object.keys(opts.reference).filter((p) => p in kept),
    );
    if (Object.keys(kept).length < files.length)
      reference += `\n\n(${files.length - Object.keys(kept).length} larger file(s) left out to fit the context)`;
  }
  const samples: ReviewSample[] = [];
  for (let i = 1; i <= n; i++) {
    const { value } = await askStructured(
      state,
      { ...opts, temperature: opts.temperature ?? 1 },
      `review:${i}`,
      reviewMessages(paperToMarkdown(state.paper), repo, reference),
      parseReview,
    );
    samples.push(value);
  }
  const review: Review = {
    mode: reference ? 'reference-based' : 'reference-free',
    samples,
    score: samples.reduce((s, x) => s + x.score, 0) / samples.length,
  };
  state.review = review;
  await opts.onState?.(state);
  return review;
}
