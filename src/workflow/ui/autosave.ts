/**
 * Autosave: the program text on every change, and the graph layout on every move, in localStorage, so
 * nothing the user typed is lost on reload. Storage failures (private mode, quota) are ignored: editing
 * must keep working, it just is not saved.
 *
 * Example:
 *   saveText('img = LoadImage(source="cat.jpg")'); loadText(); // the same text, after a reload too
 */
import type { ProgramLayout } from '../lang/types';

export const TEXT_KEY = 'webgpu-playground.workflow.text';
export const LAYOUT_KEY = 'webgpu-playground.workflow.layout';

function store(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadText(): string | undefined {
  try {
    return store()?.getItem(TEXT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveText(text: string): void {
  try {
    store()?.setItem(TEXT_KEY, text);
  } catch {
    // quota or disabled storage: keep editing
  }
}

export function loadLayout(): ProgramLayout {
  try {
    const raw = store()?.getItem(LAYOUT_KEY);
    const parsed = raw ? (JSON.parse(raw) as ProgramLayout) : undefined;
    return parsed && typeof parsed.nodes === 'object' && parsed.nodes ? parsed : { nodes: {} };
  } catch {
    return { nodes: {} };
  }
}

export function saveLayout(layout: ProgramLayout): void {
  try {
    store()?.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // ignore
  }
}
