/**
 * The state of one paper → code project: plain JSON, saved after every step (IndexedDB in the page, a
 * `state.json` on the command line) so that a reload or a re-run resumes where it stopped.
 */
import type { ChatMessage } from '../llm/types';
import type { Paper } from './paper';

/** PaperCoder's architecture design (planning turn 2). */
export interface ArchitectureDesign {
  'Implementation approach': string;
  'File list': string[];
  /** A mermaid classDiagram. */
  'Data structures and interfaces': string;
  /** A mermaid sequenceDiagram. */
  'Program call flow': string;
  'Anything UNCLEAR': string;
}

/** PaperCoder's logic design (planning turn 3), plus the import graph so the order can be checked. */
export interface LogicDesign {
  'Required packages': string[];
  'Logic Analysis': [string, string][];
  /** Files in dependency order. */
  'Task list': string[];
  /** file → the listed files it imports. */
  Dependencies?: Record<string, string[]>;
  'Full API spec': string;
  'Shared Knowledge': string;
  'Anything UNCLEAR': string;
}

/** One model call, kept so every prompt and response can be read. */
export interface StageCall {
  /** 'plan' | 'design' | 'logic' | 'config' | 'analysis:<file>' | 'code:<file>' | 'repair:<n>' | 'review:<n>' … */
  key: string;
  messages: ChatMessage[];
  response: string;
  /** The endpoint's own counts (`usage`) when it reports them, else estimated as characters / 4. */
  inTokens: number;
  outTokens: number;
  /** True when inTokens/outTokens are the backend's counts, not estimates. */
  counted?: boolean;
  ms: number;
  /** Context strategy applied, schema repair, … */
  note?: string;
}

export interface RunResult {
  ok: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** A short, located summary of the failure (file:line: message), when it failed. */
  error?: string;
}

export interface FileEdit {
  file: string;
  search: string;
  replace: string;
}

export interface RepairRound {
  round: number;
  /** The failure that was fed back. */
  log: string;
  edits: FileEdit[];
  /** Content of every touched file before this round, for revert. */
  before: Record<string, string>;
  /** Why edits could not be applied, if so. */
  editError?: string;
  result?: RunResult;
  reverted?: boolean;
}

export interface ReviewCritique {
  file: string;
  function: string;
  severity: 'high' | 'medium' | 'low';
  critique: string;
}

export interface ReviewSample {
  critiques: ReviewCritique[];
  score: number;
}

export interface Review {
  mode: 'reference-free' | 'reference-based';
  samples: ReviewSample[];
  /** Mean of the sample scores (1–5). */
  score: number;
}

export interface ProjectState {
  version: 1;
  paper: Paper;
  language: 'python' | 'javascript';
  plan?: string;
  /** The model's answers, as (possibly user-edited) text; parsed on use. */
  designText?: string;
  logicText?: string;
  config?: string;
  analyses: Record<string, string>;
  /** The repository: file → content (config.yaml included). */
  files: Record<string, string>;
  /** Raw coding answers, for `coding_artifacts/`. */
  codingRaw: Record<string, string>;
  repairs: RepairRound[];
  run?: RunResult;
  review?: Review;
  calls: StageCall[];
  /** Notes from checking the task list (reordering, files not written, the entry point). */
  notes?: string[];
  /** The last failure, kept so a reload shows it. */
  error?: string;
}

export function newProject(paper: Paper, language: ProjectState['language'] = 'python'): ProjectState {
  return { version: 1, paper, language, analyses: {}, files: {}, codingRaw: {}, repairs: [], calls: [] };
}
