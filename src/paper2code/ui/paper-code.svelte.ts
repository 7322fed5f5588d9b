/**
 * State and actions of the Paper → code tab. The project (`ProjectState`) lives in a `$state` proxy that the
 * pipeline mutates step by step, and is written to IndexedDB after every step, so a reload resumes. Heavy
 * work runs in workers: reading papers (input worker), running code (Python sandbox worker).
 */
import { backendFromSettings, loadLlmSettings, saveLlmSettings, type LlmSettings } from '../../llm/settings';
import type { LoadProgress } from '../../llm/types';
import { projectZip } from '../artifacts';
import {
  editArtifact,
  revertRepair,
  runPipeline,
  stageName,
  usageByStage,
  currentTaskOrder,
  type ArtifactRef,
  type PipelineOptions,
  type Runner,
} from '../pipeline';
import { reviewRepository } from '../review';
import { newProject, type ProjectState, type RunResult } from '../types';
import { inputWorker, sandbox } from './clients';
import { loadProject, saveProject } from './project-db';

export interface PaperCodeSettings {
  contextTokens: number;
  maxTokens: number;
  /** USD per million tokens; 0 = not given. */
  priceIn: number;
  priceOut: number;
  timeoutS: number;
  memoryMb: number;
  repairRounds: number;
  reviewSamples: number;
  allowInstall: boolean;
}

const SETTINGS_KEY = 'webgpu-playground.paper2code.settings';
export const DEFAULT_SETTINGS: PaperCodeSettings = {
  contextTokens: 128_000,
  maxTokens: 8192,
  priceIn: 0,
  priceOut: 0,
  timeoutS: 30,
  memoryMb: 1024,
  repairRounds: 3,
  reviewSamples: 3,
  allowInstall: false,
};

function loadSettings(): PaperCodeSettings {
  try {
    return { ...DEFAULT_SETTINGS, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

const MAX_INPUT_BYTES = 60_000_000;

export class PaperCodeStore {
  project = $state<ProjectState | undefined>();
  settings = $state<PaperCodeSettings>(loadSettings());
  llm = $state<LlmSettings>(loadLlmSettings());
  /** What is running now: 'reading', a call key, 'run', 'review'. */
  busy = $state<string | undefined>();
  /** Streamed answer text of the call in progress. */
  streaming = $state('');
  runOutput = $state('');
  message = $state('');
  error = $state('');
  warnings = $state<string[]>([]);
  download = $state<LoadProgress | undefined>();
  restored = $state(false);
  private controller?: AbortController;

  async restore(): Promise<void> {
    try {
      const p = await loadProject();
      if (p && !this.project) {
        this.project = p;
        this.message = `Restored "${p.paper.title}" from this browser's storage.`;
      }
    } catch (e) {
      this.error = `Could not read saved work: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.restored = true;
    }
  }

  private async save(): Promise<void> {
    try {
      await saveProject(this.project ? $state.snapshot(this.project) : undefined);
    } catch (e) {
      this.warnings = [`Not saved in this browser: ${e instanceof Error ? e.message : String(e)}`];
    }
  }

  saveSettings(): void {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify($state.snapshot(this.settings)));
      saveLlmSettings($state.snapshot(this.llm));
    } catch {
      // storage unavailable: the settings hold for this visit
    }
  }

  get usage() {
    if (!this.project) return [];
    const s = this.settings;
    return usageByStage(this.project, s.priceIn || s.priceOut ? { input: s.priceIn, output: s.priceOut } : undefined);
  }

  get order(): string[] {
    try {
      return this.project ? currentTaskOrder(this.project).order : [];
    } catch {
      return [];
    }
  }

  /** The target language, chosen before planning (the prompts ask for it). */
  setLanguage(language: ProjectState['language']): void {
    if (!this.project || this.project.calls.length) return;
    this.project.language = language;
    void this.save();
  }

  async readFile(file: File): Promise<void> {
    if (file.size > MAX_INPUT_BYTES) {
      this.error = `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1e6} MB`;
      return;
    }
    await this.readBytes(file.name, new Uint8Array(await file.arrayBuffer()));
  }

  async readUrl(url: string): Promise<void> {
    this.error = '';
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      this.error = `Could not fetch ${url}: ${e instanceof Error ? e.message : String(e)} — the server may not allow this page to read it (CORS); download the file and pick it instead.`;
      return;
    }
    if (!res.ok) {
      this.error = `${url} answered HTTP ${res.status} ${res.statusText}`;
      return;
    }
    const name = new URL(url, location.href).pathname.split('/').pop() || 'paper.pdf';
    // The same cap as a picked file, enforced while reading: a server can lie about (or omit) its length.
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_INPUT_BYTES) {
        void reader.cancel();
        this.error = `${url} is more than ${MAX_INPUT_BYTES / 1e6} MB; the limit is ${MAX_INPUT_BYTES / 1e6} MB`;
        return;
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) (bytes.set(c, at), (at += c.byteLength));
    await this.readBytes(name, bytes);
  }

  private async readBytes(name: string, bytes: Uint8Array): Promise<void> {
    this.busy = 'reading';
    this.error = '';
    this.warnings = [];
    this.message = `Reading ${name}…`;
    try {
      const { paper, warnings } = await inputWorker().paperFromFile(name, bytes);
      this.project = newProject(paper);
      this.warnings = warnings;
      this.message = `Read "${paper.title}": ${paper.sections.length} sections. Check and edit them, then generate.`;
      await this.save();
    } catch (e) {
      this.error = `${name}: ${e instanceof Error ? e.message : String(e)}`;
      this.message = '';
    } finally {
      this.busy = undefined;
    }
  }

  private runner(): Runner {
    const s = this.settings;
    return (files, entry, { signal }) => {
      this.runOutput = '';
      return sandbox(this.project?.language ?? 'python', s.memoryMb).run(
        {
          files: $state.snapshot(files) as Record<string, string>,
          entry,
          allowInstall: s.allowInstall,
          timeoutMs: s.timeoutS * 1000,
          memoryMb: s.memoryMb,
        },
        { timeoutMs: s.timeoutS * 1000, signal, onOutput: (_, t) => (this.runOutput += t) },
      );
    };
  }

  private options(): PipelineOptions {
    const s = this.settings;
    this.saveSettings();
    return {
      llm: backendFromSettings($state.snapshot(this.llm), { hasWebGpu: 'gpu' in navigator, onProgress: (p) => (this.download = p) }),
      signal: this.controller!.signal,
      contextTokens: s.contextTokens,
      maxTokens: s.maxTokens,
      maxRepairRounds: s.repairRounds,
      runner: this.runner(),
      onStage: (key) => {
        this.busy = key;
        this.streaming = '';
        this.message = key === 'run' ? 'Running the repository…' : `${stageName(key)}…`;
      },
      onToken: (_, t) => (this.streaming += t),
      onState: () => this.save(),
    };
  }

  private async task(what: string, fn: () => Promise<void>): Promise<void> {
    if (!this.project || this.busy) return;
    this.controller = new AbortController();
    this.error = '';
    this.busy = what;
    try {
      await fn();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.message = '';
    } finally {
      this.busy = undefined;
      this.streaming = '';
      await this.save();
    }
  }

  /** Runs (or continues) every missing step: planning, analysis, coding, run and repair. */
  generate(): Promise<void> {
    return this.task('generate', async () => {
      await runPipeline(this.project!, this.options());
      const r = this.project!.run;
      this.message = r
        ? r.ok
          ? `Done: the repository ran cleanly${this.project!.repairs.length ? ` after ${this.project!.repairs.length} repair round(s)` : ''}.`
          : `The repository still fails: ${r.error ?? `exit code ${r.exitCode}`}`
        : 'Done.';
    });
  }

  /** Runs the repository as it is now, without repair. */
  run(): Promise<void> {
    return this.task('run', async () => {
      const order = this.order;
      const main = this.project!.language === 'python' ? 'main.py' : 'main.js';
      const entry = order.includes(main) ? main : (order.at(-1) ?? main);
      this.message = 'Running the repository…';
      const r: RunResult = await this.runner()(this.project!.files, entry, { signal: this.controller!.signal });
      this.project!.run = r;
      this.message = r.ok ? 'The repository ran cleanly.' : `The run failed: ${r.error ?? `exit code ${r.exitCode}`}`;
    });
  }

  review(referenceZip?: File): Promise<void> {
    return this.task('review', async () => {
      const reference = referenceZip
        ? await inputWorker().repoFromZip(referenceZip.name, new Uint8Array(await referenceZip.arrayBuffer()))
        : undefined;
      const r = await reviewRepository(this.project!, { ...this.options(), samples: this.settings.reviewSamples, reference });
      this.message = `Review (${r.mode}): ${r.score.toFixed(2)} / 5 over ${r.samples.length} sample(s).`;
    });
  }

  cancel(): void {
    this.controller?.abort();
  }

  edit(ref: ArtifactRef, text: string): void {
    if (!this.project || this.busy) return;
    try {
      const cleared = editArtifact(this.project, ref, text);
      this.error = '';
      this.message = cleared.length ? `Saved. To redo: ${cleared.join(', ')} — press Generate.` : 'Saved.';
      void this.save();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  revert(round: number): void {
    if (!this.project || this.busy) return;
    revertRepair(this.project, round);
    this.message = `Repair round ${round} reverted; the files are as they were before it.`;
    void this.save();
  }

  zip(): { name: string; bytes: Uint8Array } | undefined {
    if (!this.project) return undefined;
    const s = this.settings;
    const slug =
      this.project.paper.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'paper';
    return {
      name: `${slug}-paper2code.zip`,
      bytes: projectZip(
        $state.snapshot(this.project) as ProjectState,
        s.priceIn || s.priceOut ? { input: s.priceIn, output: s.priceOut } : undefined,
      ),
    };
  }

  async reset(): Promise<void> {
    if (this.busy) return;
    this.project = undefined;
    this.message = '';
    this.error = '';
    this.runOutput = '';
    await this.save();
  }
}
