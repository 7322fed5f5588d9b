/**
 * The tab's affordance programs, one per task family (a program is reused by every task of its family),
 * shared by the affordance and training panels. Edits are kept in this browser's localStorage so nothing
 * a person wrote is lost on reload.
 *
 * Example:
 *   programs.get('click-tab')                 // source or undefined
 *   programs.set('click-tab', source, 'user')
 */
import type { ProgramOrigin } from './program';

const STORAGE_KEY = 'webgpu-playground.webnav-affordance-programs';

interface Entry {
  source: string;
  origin: ProgramOrigin;
}

function load(): Record<string, Entry> {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Record<string, Entry>) : {};
  } catch {
    return {};
  }
}

class ProgramStore {
  byFamily = $state<Record<string, Entry>>(load());

  get(family: string): Entry | undefined {
    return this.byFamily[family];
  }

  set(family: string, source: string, origin: ProgramOrigin): void {
    this.byFamily = { ...this.byFamily, [family]: { source, origin } };
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(this.byFamily));
    } catch {
      // Storage disabled: the program still lives for this session.
    }
  }
}

export const programs = new ProgramStore();
