/**
 * State and actions of the Workflows tab's program (the tab itself only lays them out): the editor text and
 * its analysis (parsed and checked in the lang worker, never on the page), autosave with history and other
 * tabs, opening files (programs, JSON, outputs carrying a recipe, inputs), and replacing the program only
 * after asking when the user has edited it since it was last loaded, replaced or exported.
 *
 * One session per page (`programSession`): it outlives the tab's component, so switching tabs while a big
 * file loads loses nothing; the mounted editor attaches itself to receive replacements.
 *
 * Example (in WorkflowTab.svelte):
 *   const session = programSession(SEED);
 *   const editor = createEditor(host, { doc: session.text, lint: (t) => session.analyse(t), onChange: (t) => session.edited(t) });
 *   const detach = session.attach((t) => editor.replaceAll(t));
 *   session.requestReplace(planText, 'the planned program');   // asks first if there is unsaved work
 */
import { Autosave, type Snapshot } from './ui/autosave';
import { langWorker } from './ui/lang-client';
import { workflowWorker } from './ui/workflow-client';
import type { Analysis } from './ui/lang-api';
import { formatMegabytes, MAX_PROGRAM_BYTES } from './lang/limits';
import type { Diagnostic, ProgramLayout } from './lang/types';

/** Autosave waits this long after the last change (a big program is not rewritten on every key). */
const SAVE_DELAY_MS = 400;

const EMPTY: Analysis = {
  program: { version: 1, nodes: [], edges: [] },
  complete: true,
  nodeCount: 0,
  diagnostics: [],
  diagnosticCount: 0,
  errorCount: 0,
  syntax: [],
  syntaxCount: 0,
};

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export class ProgramSession {
  text = $state('');
  /** The analysis of `analysedText` (the latest the worker finished); raw: never proxied node by node. */
  analysis = $state.raw<Analysis>(EMPTY);
  analysedText = $state<string | undefined>(undefined);
  layout = $state.raw<ProgramLayout>({ nodes: {} });
  note = $state('');
  autosave = $state<{ ok: boolean; message: string }>({ ok: true, message: '' });
  history = $state.raw<Snapshot[]>([]);
  /** A replacement waiting for the user's yes or no. */
  pending = $state<{ text: string; what: string; note: string } | undefined>(undefined);
  /** Another tab saved a different program while this one had edits. */
  otherTab = $state<string | undefined>(undefined);

  /** The text as last loaded, replaced or exported: edits since then are unsaved work. */
  private baseline = '';
  private saves: Autosave;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  /** Puts text into the mounted editor as one undoable change (the editor then calls `edited`). */
  private editor: ((text: string) => void) | undefined;

  constructor(seed: string) {
    this.saves = new Autosave(storage(), `tab-${Math.random().toString(36).slice(2, 10)}`);
    this.text = this.saves.load() ?? seed;
    this.baseline = this.text;
    this.layout = this.saves.loadLayout();
    this.history = this.saves.history();
    // A reload or a closed tab inside the save delay must not lose the last edits: flush on the way out.
    globalThis.addEventListener?.('pagehide', () => {
      if (this.saveTimer !== undefined) this.saveNow();
    });
  }

  /** The mounted editor; returns the detach function for unmount. */
  attach(editor: (text: string) => void): () => void {
    this.editor = editor;
    return () => {
      if (this.editor === editor) this.editor = undefined;
      this.saveNow();
    };
  }

  private apply(text: string): void {
    if (this.editor) this.editor(text);
    else this.edited(text);
  }

  get dirty(): boolean {
    return this.text !== this.baseline;
  }

  /** The editor's text changed (typing, graph edits, replacements). */
  edited(text: string): void {
    this.text = text;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const r = this.saves.save(this.text);
    this.autosave = r.ok ? { ok: true, message: `Autosaved at ${new Date().toLocaleTimeString()}.` } : { ok: false, message: r.message };
    this.history = this.saves.history();
  }

  /**
   * Parse + check in the lang worker; the result is kept when `text` is still the editor's text. Returns the
   * diagnostics for the editor to underline (the first SENT_DIAGNOSTICS: tens of thousands would stall it).
   */
  async analyse(text: string): Promise<Diagnostic[]> {
    const result = await langWorker().analyse(text);
    if (text === this.text) {
      this.analysis = result;
      this.analysedText = text;
    }
    return result.diagnostics;
  }

  /** The whole program of the current text, checked, for a run (built in the worker, copied once). */
  runnable() {
    return langWorker().runnable(this.text);
  }

  /** Replaces the program now when nothing would be lost, else asks (see `pending`). */
  requestReplace(text: string, what: string, note = ''): void {
    if (text === this.text) {
      this.note = note;
      return;
    }
    if (this.dirty) this.pending = { text, what, note };
    else this.replace(text, what, note);
  }

  confirmReplace(): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) this.replace(p.text, p.what, p.note);
  }

  keepMine(): void {
    if (this.pending) this.note = `Kept your program; ${this.pending.what} was not loaded.`;
    this.pending = undefined;
  }

  private replace(text: string, what: string, note: string): void {
    // The program being replaced stays in the history, so even a confirmed replacement can be undone later.
    this.saves.snapshot(this.text, `before loading ${what}`);
    this.history = this.saves.history();
    this.baseline = text;
    this.apply(text);
    this.note = note;
  }

  restore(snapshot: Snapshot): void {
    this.requestReplace(
      snapshot.text,
      `the version from ${new Date(snapshot.at).toLocaleString()}`,
      `Restored the version from ${new Date(snapshot.at).toLocaleString()} (${snapshot.reason}).`,
    );
  }

  /** The text was exported: it is saved somewhere, so it is no longer unsaved work. */
  exported(): void {
    this.baseline = this.text;
  }

  saveLayout(layout: ProgramLayout): void {
    this.layout = layout;
    this.saves.saveLayout(layout);
  }

  /** A `storage` event from another tab. */
  onStorage(e: StorageEvent): void {
    const theirs = this.saves.external(e);
    if (theirs === undefined || theirs === this.text) return;
    if (!this.dirty) {
      this.saves.adopt();
      this.replace(theirs, "another tab's program", 'Updated to the program another tab just saved (yours is in Earlier versions).');
    } else this.otherTab = theirs;
  }

  takeOtherTab(): void {
    const theirs = this.otherTab;
    this.otherTab = undefined;
    if (theirs === undefined) return;
    this.saves.adopt();
    this.replace(theirs, "another tab's program", "Loaded the other tab's program (yours is in Earlier versions).");
  }

  keepOverOtherTab(): void {
    this.otherTab = undefined;
    this.note = "Kept your program; the other tab's goes into Earlier versions when this one saves.";
  }

  /** A picked or dropped file: a program (text or JSON), an output carrying its recipe, or an input file. */
  async openFile(file: File): Promise<void> {
    const isProgram = /\.(alang|txt|json)$/i.test(file.name);
    if (isProgram && file.size > MAX_PROGRAM_BYTES) {
      this.note = `${file.name} is ${formatMegabytes(file.size)}; programs are limited to ${formatMegabytes(MAX_PROGRAM_BYTES)}. Nothing was loaded.`;
      return;
    }
    this.note = `Opening ${file.name}…`;
    if (isProgram) {
      const imported = await langWorker().importProgram(file.name, await file.text());
      if (!imported.ok) this.note = imported.message;
      else
        this.requestReplace(
          imported.text,
          file.name,
          `${/\.json$/i.test(file.name) ? 'Imported' : 'Opened'} ${file.name} (${imported.nodes} nodes).`,
        );
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const recipe = await workflowWorker().readRecipe(bytes);
    if (!recipe.ok) {
      this.note = `Could not read the recipe in ${file.name}: ${recipe.error.message}`;
      return;
    }
    if (recipe.value) {
      const imported = await langWorker().importProgram(`the recipe in ${file.name}`, recipe.value);
      if (!imported.ok) this.note = imported.message;
      else this.requestReplace(imported.text, `the program that made ${file.name}`, `Restored the program that made ${file.name}.`);
      return;
    }
    await workflowWorker().addFile(file.name, bytes);
    this.note = `Added ${file.name}: use ${loaderFor(file)}(source="${file.name}").`;
  }
}

/** The function that reads an added file, by its type or extension (images by default). */
function loaderFor(file: File): string {
  if (/^video\//.test(file.type) || /\.(webm|mp4|m4v|mov|mkv)$/i.test(file.name)) return 'LoadVideo';
  if (/^audio\//.test(file.type) || /\.(wav|mp3|ogg|oga|opus|flac|aac|m4a)$/i.test(file.name)) return 'LoadAudio';
  return 'LoadImage';
}

let shared: ProgramSession | undefined;

/** The page's program session, created on first use with `seed` as the program when nothing was autosaved. */
export function programSession(seed: string): ProgramSession {
  return (shared ??= new ProgramSession(seed));
}
