/**
 * The project as files, in PaperCoder's layout, and as one zip:
 *   planning_artifacts/1.1_overall_plan.txt, 1.2_arch_design.txt, 1.3_logic_design.txt, 1.4_config.yaml,
 *     planning_trajectories.json
 *   analyzing_artifacts/<file>_simple_analysis.txt
 *   coding_artifacts/<file>_coding.txt
 *   debugging_artifacts/round_<n>.txt
 *   repo/<the repository>
 *   usage.json (tokens and cost per stage), review.json (when reviewed)
 */
import { strToU8, zipSync } from 'fflate';
import { planningMessages } from './prompts';
import { paperToMarkdown } from './paper';
import { usageByStage, type Prices } from './pipeline';
import type { ProjectState } from './types';

const flat = (file: string) => file.replace(/\//g, '_');

export function artifactFiles(state: ProjectState, prices?: Prices): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (path: string, text: string | undefined) => {
    if (text !== undefined) out[path] = text;
  };
  put('planning_artifacts/1.1_overall_plan.txt', state.plan);
  put('planning_artifacts/1.2_arch_design.txt', state.designText);
  put('planning_artifacts/1.3_logic_design.txt', state.logicText);
  put('planning_artifacts/1.4_config.yaml', state.config);
  if (state.plan) {
    const conversation = planningMessages(state, paperToMarkdown(state.paper), state.logicText ? 4 : state.designText ? 3 : 2);
    if (state.config !== undefined)
      conversation.push({
        role: 'assistant',
        content: [...state.calls].reverse().find((c) => c.key === 'config')?.response ?? state.config,
      });
    put('planning_artifacts/planning_trajectories.json', JSON.stringify(conversation, null, 2));
  }
  for (const [file, text] of Object.entries(state.analyses)) put(`analyzing_artifacts/${flat(file)}_simple_analysis.txt`, text);
  for (const [file, text] of Object.entries(state.codingRaw)) put(`coding_artifacts/${flat(file)}_coding.txt`, text);
  for (const r of state.repairs) {
    const edits = r.edits
      .map((e) => `Filename: ${e.file}\n<<<<<<< SEARCH\n${e.search}\n=======\n${e.replace}\n>>>>>>> REPLACE`)
      .join('\n\n');
    put(
      `debugging_artifacts/round_${r.round}.txt`,
      `# Error log\n${r.log}\n\n# Edits${r.reverted ? ' (reverted)' : ''}\n${r.editError ?? edits}\n\n# Result\n${r.result ? JSON.stringify(r.result, null, 2) : '(not run)'}\n`,
    );
  }
  for (const [file, text] of Object.entries(state.files)) put(`repo/${file}`, text);
  if (state.calls.length) put('usage.json', JSON.stringify(usageByStage(state, prices), null, 2));
  if (state.review) put('review.json', JSON.stringify(state.review, null, 2));
  return out;
}

export function projectZip(state: ProjectState, prices?: Prices): Uint8Array {
  const files = artifactFiles(state, prices);
  return zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])), { level: 6 });
}
