/**
 * Fitting a coding prompt into the model's context. Strategy, in this order, each step only when the prompt
 * is still too long, and always stated in the call's note:
 *   1. earlier files as summaries (imports, class and function signatures, first docstring line) instead of
 *      their full code — the current file needs their interfaces, not their bodies;
 *   2. section selection: the paper's title, abstract and the sections that share the most words with this
 *      file's analysis, best first, until the budget is met.
 * Token counts are estimated as characters / 4.
 */
import { paperToMarkdown, type Paper } from './paper';

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export function repoAsText(files: Record<string, string>, order: string[]): string {
  return order
    .filter((f) => f in files)
    .map((f) => `### ${f}\n\`\`\`\n${files[f]}\`\`\``)
    .join('\n\n');
}

/** Imports, class/def/function signatures and the line after each (often a docstring). */
export function summariseCode(code: string): string {
  const lines = code.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*(import |from \S+ import |class |def |async def |export |function |const \w+ = require|module\.exports)/.test(l)) {
      out.push(l);
      const next = lines[i + 1]?.trim() ?? '';
      if (/^("""|'''|\/\*\*|#|\/\/)/.test(next)) out.push(lines[i + 1]);
    }
  }
  return out.join('\n');
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z][a-z0-9_]{3,}/g) ?? []);
}

/** Title, abstract, then sections by word overlap with `focus` until `budgetTokens`; kept in paper order. */
export function selectSections(paper: Paper, focus: string, budgetTokens: number): { paper: Paper; kept: number } {
  const want = words(focus);
  const scored = paper.sections.map((s, i) => {
    let hits = 0;
    for (const w of words(s.text)) if (want.has(w)) hits++;
    const first = i === 0 || /abstract/i.test(s.heading);
    return { i, score: first ? Infinity : hits / Math.sqrt(1 + s.text.length / 1000) };
  });
  scored.sort((a, b) => b.score - a.score);
  const keep = new Set<number>();
  let used = estimateTokens(paper.title);
  for (const { i } of scored) {
    const cost = estimateTokens(paper.sections[i].heading + paper.sections[i].text);
    if (used + cost > budgetTokens && keep.size > 0) continue;
    keep.add(i);
    used += cost;
  }
  return { paper: { title: paper.title, sections: paper.sections.filter((_, i) => keep.has(i)) }, kept: keep.size };
}

export interface FittedContext {
  paperText: string;
  earlier: string;
  note?: string;
}

/**
 * `build(paperText, earlier)` returns the prompt's text; the budget is the context window minus the answer's
 * room. Returns the inputs to use and a note describing what was cut.
 */
export function fitContext(opts: {
  paper: Paper;
  files: Record<string, string>;
  earlierOrder: string[];
  focus: string;
  budgetTokens: number;
  build: (paperText: string, earlier: string) => string;
}): FittedContext {
  const full = paperToMarkdown(opts.paper);
  const fullEarlier = repoAsText(opts.files, opts.earlierOrder);
  const size = (p: string, e: string) => estimateTokens(opts.build(p, e));
  const total = size(full, fullEarlier);
  if (total <= opts.budgetTokens) return { paperText: full, earlier: fullEarlier };
  const summaries = opts.earlierOrder
    .filter((f) => f in opts.files)
    .map((f) => `### ${f} (summary: signatures only)\n\`\`\`\n${summariseCode(opts.files[f])}\n\`\`\``)
    .join('\n\n');
  const withSummaries = size(full, summaries);
  const steps = [
    `prompt ≈${total} tokens > budget ${opts.budgetTokens}: ${opts.earlierOrder.length} earlier file(s) as signature summaries (≈${withSummaries} tokens)`,
  ];
  if (withSummaries <= opts.budgetTokens) return { paperText: full, earlier: summaries, note: steps[0] };
  const rest = opts.budgetTokens - (withSummaries - estimateTokens(full));
  const sel = selectSections(opts.paper, opts.focus, Math.max(rest, 0));
  const paperText = paperToMarkdown(sel.paper);
  const final = size(paperText, summaries);
  steps.push(`paper cut to ${sel.kept} of ${opts.paper.sections.length} sections most related to this file (≈${final} tokens)`);
  if (final > opts.budgetTokens) steps.push('still over budget: the context window is too small for this paper');
  return { paperText, earlier: summaries, note: steps.join('; ') };
}
