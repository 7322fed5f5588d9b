/**
 * Every prompt of the pipeline, model-agnostic, in PaperCoder's stage order (our wording of their stages):
 * planning as one conversation of four turns, then one analysis and one coding call per file, run repair
 * with SEARCH/REPLACE blocks, and the judge. Prompts are pure functions of the project state.
 */
import type { ChatMessage } from '../llm/types';
import type { ProjectState } from './types';

export const MARK = {
  plan: 'Write a plan for reproducing this paper',
  design: 'Design the software architecture',
  logic: 'Break the design into tasks',
  config: 'Write config.yaml',
  analysis: 'Write the logic analysis for',
  code: 'Write the code of',
  repair: 'The repository failed when run',
  review: 'Review this repository',
} as const;

const langName = (s: ProjectState) =>
  s.language === 'python' ? 'Python (standard library preferred)' : 'JavaScript (ES modules, no packages)';
/** What the sandbox the code will run in offers. */
const runtimeNote = (s: ProjectState) =>
  s.language === 'python'
    ? 'It runs in Python 3 (Pyodide) with the repository as the working directory, offline.'
    : 'It runs in a bare JavaScript engine: ES modules (import/export with relative paths) between the repository files, console.log for output, no file system, network, timers or packages — put the config.yaml values in a config.js module.';
const entryFile = (s: ProjectState) => (s.language === 'python' ? 'main.py' : 'main.js');

export function plannerSystem(s: ProjectState): string {
  return `You are a researcher and software planner who reproduces machine-learning papers as small, runnable ${langName(s)} repositories. Follow the paper faithfully, do not invent hyper-parameters, and keep the repository small.`;
}

export function planPrompt(paperText: string): string {
  return `## Paper\n${paperText}\n\n## Task\n${MARK.plan}: the methods to implement, the experiments, datasets and evaluation metrics, and the settings and hyper-parameters the paper states. Flag anything the paper leaves unclear. Plain text, no code.`;
}

export function designPrompt(s: ProjectState): string {
  return `${MARK.design} for the plan above. Answer with one JSON object between [CONTENT] and [/CONTENT], with exactly these keys:
[CONTENT]
{
  "Implementation approach": "how the system is built, which libraries",
  "File list": ["${entryFile(s)}", "…"],
  "Data structures and interfaces": "a mermaid classDiagram with typed fields and methods",
  "Program call flow": "a mermaid sequenceDiagram of the calls from ${entryFile(s)}",
  "Anything UNCLEAR": "…"
}
[/CONTENT]
The file list must contain ${entryFile(s)}; use relative paths; do not list config.yaml.`;
}

export function logicPrompt(): string {
  return `${MARK.logic}. Answer with one JSON object between [CONTENT] and [/CONTENT], with exactly these keys:
[CONTENT]
{
  "Required packages": ["name==version", "…"],
  "Logic Analysis": [["file", "what this file must contain: classes, functions, which other files it imports"], "…"],
  "Task list": ["files from the File list, each file after the files it imports"],
  "Dependencies": {"file": ["listed files it imports"]},
  "Full API spec": "",
  "Shared Knowledge": "conventions and values shared by several files",
  "Anything UNCLEAR": "…"
}
[/CONTENT]`;
}

export function configPrompt(): string {
  return `${MARK.config}: the training and evaluation hyper-parameters the paper states, and nothing else. Do not make up values the paper does not give. Answer in this format:
## Code: config.yaml
\`\`\`yaml
…
\`\`\``;
}

/** The planning conversation up to the turn being asked (turn 1–4), built from the stored (maybe edited) answers. */
export function planningMessages(s: ProjectState, paperText: string, turn: 1 | 2 | 3 | 4): ChatMessage[] {
  const msgs: ChatMessage[] = [
    { role: 'system', content: plannerSystem(s) },
    { role: 'user', content: planPrompt(paperText) },
  ];
  const turns: [string | undefined, string][] = [
    [s.plan, designPrompt(s)],
    [s.designText, logicPrompt()],
    [s.logicText, configPrompt()],
  ];
  for (let t = 0; t < turn - 1; t++) {
    msgs.push({ role: 'assistant', content: turns[t][0] ?? '' }, { role: 'user', content: turns[t][1] });
  }
  return msgs;
}

function planningContext(s: ProjectState, paperText: string): string {
  return `## Paper\n${paperText}\n\n## Overall plan\n${s.plan ?? ''}\n\n## Architecture design\n${s.designText ?? ''}\n\n## Logic design\n${s.logicText ?? ''}\n\n## config.yaml\n\`\`\`yaml\n${s.config ?? ''}\n\`\`\``;
}

export function analysisMessages(s: ProjectState, paperText: string, file: string, description: string): ChatMessage[] {
  return [
    { role: 'system', content: plannerSystem(s) },
    {
      role: 'user',
      content: `${planningContext(s, paperText)}\n\n## Task\n${MARK.analysis} ${file}.\nWhat the logic design says about it: ${description || '(nothing)'}\nDescribe precisely what ${file} must do: its classes and functions with inputs and outputs, the algorithm step by step, which files it imports, and which config.yaml values it reads. Follow the design; do not change interfaces. Plain text, no code.`,
    },
  ];
}

export function codingMessages(s: ProjectState, paperText: string, file: string, analysis: string, earlier: string): ChatMessage[] {
  const fence = s.language === 'python' ? 'python' : 'javascript';
  return [
    {
      role: 'system',
      content: `You are an expert ${langName(s)} engineer who implements research papers. You write complete, working code.`,
    },
    {
      role: 'user',
      content: `${planningContext(s, paperText)}\n\n## Files already written\n${earlier || '(none yet)'}\n\n## Analysis of ${file}\n${analysis}\n\n## Task\n${MARK.code} ${file}, and only this file. Write complete code: no TODOs or placeholders, strong typing and default values, follow the class diagram and the interfaces of the files already written, read settings from config.yaml. ${runtimeNote(s)} Answer in this format:\n## Code: ${file}\n\`\`\`${fence}\n…\n\`\`\``,
    },
  ];
}

export function repairMessages(s: ProjectState, repo: string, log: string, entry: string): ChatMessage[] {
  return [
    { role: 'system', content: `You are an expert ${langName(s)} engineer who fixes bugs with minimal edits.` },
    {
      role: 'user',
      content: `## Repository\n${repo}\n\n## Task\n${MARK.repair} (entry point ${entry}). The error log:\n\`\`\`\n${log}\n\`\`\`\nFix the cause with the smallest edits. Write each edit in this format, the SEARCH part copied exactly from the file:\nFilename: path/of/file\n<<<<<<< SEARCH\nlines to find\n=======\nlines to put instead\n>>>>>>> REPLACE`,
    },
  ];
}

export function reviewMessages(paperText: string, repo: string, reference?: string): ChatMessage[] {
  const ref = reference ? `\n\n## Authors' repository (the reference)\n${reference}` : '';
  return [
    {
      role: 'system',
      content: 'You are a meticulous reviewer who checks whether a code repository faithfully implements a research paper.',
    },
    {
      role: 'user',
      content: `## Paper\n${paperText}${ref}\n\n## Repository to evaluate\n${repo}\n\n## Task\n${MARK.review}${reference ? " against the authors' repository" : ''}: list the parts of the paper's method and experiments that are missing or wrong, each with the file and function, a severity (high, medium or low) and a critique, then give a correctness score from 1 (unusable) to 5 (faithful and complete). Answer with one JSON object between [CONTENT] and [/CONTENT]:
[CONTENT]
{"critiques": [{"file": "…", "function": "…", "severity": "high", "critique": "…"}], "score": 4}
[/CONTENT]`,
    },
  ];
}

export function schemaRepairMessage(error: string): ChatMessage {
  return {
    role: 'user',
    content: `Your answer could not be used: ${error}. Answer again with only the corrected JSON object between [CONTENT] and [/CONTENT].`,
  };
}
