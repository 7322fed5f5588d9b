/**
 * Autosave for the Workflows tab, in localStorage: the program text, the graph layout, and a bounded history
 * of earlier programs (each one the editor replaced wholesale: an import, an example, a plan, another tab's
 * save). Nothing is lost silently:
 * - a failed save (quota, storage disabled) is reported, with the size, and the last good save stays;
 * - when another tab saved since this tab last did, its program goes into the history before this tab
 *   overwrites it (no last-writer-wins), and `external()` turns the `storage` event into that tab's text.
 * Plain TypeScript over a Storage-like object, tested in Node; the tab wires it up in workflow-tab.svelte.ts.
 *
 * Example:
 *   const saves = new Autosave(localStorage, 'tab-1');
 *   const text = saves.load();                 // the last saved program, or undefined
 *   const r = saves.save(editorText);          // { ok: true } or { ok: false, message: 'Autosave failed: …' }
 *   saves.snapshot(editorText, 'before importing cat.json'); saves.history();  // newest first
 */
import type { ProgramLayout } from '../lang/types';
import { formatMegabytes } from '../lang/limits';

export const TEXT_KEY = 'webgpu-playground.workflow.text';
export const LAYOUT_KEY = 'webgpu-playground.workflow.layout';
export const HISTORY_KEY = 'webgpu-playground.workflow.history';
/** Who saved the text last and which save it was (`tab:counter`): how a tab notices another tab's save. */
export const REVISION_KEY = 'webgpu-playground.workflow.revision';

/** The history keeps at most this many programs, and at most this many characters in all. */
export const HISTORY_MAX = 8;
export const HISTORY_MAX_CHARS = 1_000_000;

export interface Snapshot {
  at: number;
  reason: string;
  text: string;
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

export type AutosaveStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const describeError = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export class Autosave {
  private counter = 0;
  /** The revision this tab last loaded, saved or adopted. */
  private seen: string | null = null;

  constructor(
    private readonly store: AutosaveStore | undefined,
    private readonly tab: string,
    private readonly now: () => number = Date.now,
  ) {}

  private get(key: string): string | null {
    try {
      return this.store?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  load(): string | undefined {
    this.seen = this.get(REVISION_KEY);
    return this.get(TEXT_KEY) ?? undefined;
  }

  save(text: string): SaveOutcome {
    if (!this.store)
      return { ok: false, message: 'Autosave is off: this browser gives the page no storage. Export the program to keep it.' };
    const revision = this.get(REVISION_KEY);
    if (revision !== null && revision !== this.seen) {
      // Another tab saved since this one last did: keep its program before overwriting it.
      const theirs = this.get(TEXT_KEY);
      if (theirs !== null && theirs !== text) this.snapshot(theirs, 'saved by another tab');
    }
    const next = `${this.tab}:${++this.counter}`;
    for (;;) {
      try {
        this.store.setItem(TEXT_KEY, text);
        this.store.setItem(REVISION_KEY, next);
        this.seen = next;
        return { ok: true };
      } catch (e) {
        // Make room by dropping the oldest history entry, then try again; the program matters more.
        const history = this.history();
        if (history.length && this.writeHistory(history.slice(0, -1)) && this.history().length < history.length) continue;
        return {
          ok: false,
          message:
            `Autosave failed (${describeError(e)}): the program (${formatMegabytes(text.length * 2)} as stored) does not fit this browser's storage, ` +
            'so it is not saved. Export it to keep it; a reload now would bring back the last autosave.',
        };
      }
    }
  }

  /** Keeps `text` in the history (newest first), within HISTORY_MAX entries and HISTORY_MAX_CHARS; best effort. */
  snapshot(text: string, reason: string): boolean {
    if (!text.trim() || text.length > HISTORY_MAX_CHARS) return false;
    const history = [{ at: this.now(), reason, text }, ...this.history().filter((h) => h.text !== text)];
    let chars = 0;
    const kept = history.filter((h, k) => k < HISTORY_MAX && (chars += h.text.length) <= HISTORY_MAX_CHARS);
    return this.writeHistory(kept);
  }

  history(): Snapshot[] {
    try {
      const parsed: unknown = JSON.parse(this.get(HISTORY_KEY) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter((h): h is Snapshot => typeof h?.text === 'string' && typeof h?.at === 'number' && typeof h?.reason === 'string')
        : [];
    } catch {
      return [];
    }
  }

  private writeHistory(history: Snapshot[]): boolean {
    try {
      if (history.length) this.store?.setItem(HISTORY_KEY, JSON.stringify(history));
      else this.store?.removeItem(HISTORY_KEY);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * For a `storage` event: another tab's newly saved program, or undefined when the event is about something
   * else (or this tab's own save). After showing or adopting it, call `adopt()`.
   */
  external(e: { key: string | null; newValue: string | null }): string | undefined {
    if (e.key !== REVISION_KEY || e.newValue === null || e.newValue === this.seen) return undefined;
    return this.get(TEXT_KEY) ?? undefined;
  }

  /** This tab now knows the stored program (it took another tab's text, or chose to keep its own). */
  adopt(): void {
    this.seen = this.get(REVISION_KEY);
  }

  loadLayout(): ProgramLayout {
    try {
      const raw = this.get(LAYOUT_KEY);
      const parsed = raw ? (JSON.parse(raw) as ProgramLayout) : undefined;
      return parsed && typeof parsed.nodes === 'object' && parsed.nodes ? parsed : { nodes: {} };
    } catch {
      return { nodes: {} };
    }
  }

  saveLayout(layout: ProgramLayout): void {
    try {
      this.store?.setItem(LAYOUT_KEY, JSON.stringify(layout));
    } catch {
      // the layout is a convenience: positions are recomputed when it cannot be kept
    }
  }
}
