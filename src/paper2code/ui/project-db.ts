/**
 * The current project in this browser's IndexedDB, so a reload resumes where it stopped. Failures (private
 * mode, quota) are reported to the caller, never thrown into the pipeline.
 *
 * Example:
 *   await saveProject(state); const again = await loadProject();
 */
import type { ProjectState } from '../types';

const DB = 'webgpu-playground.paper2code';
const STORE = 'kv';
const KEY = 'project';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export async function saveProject(state: ProjectState | undefined): Promise<void> {
  if (state) await tx('readwrite', (s) => s.put(state, KEY));
  else await tx('readwrite', (s) => s.delete(KEY));
}

export async function loadProject(): Promise<ProjectState | undefined> {
  const v = await tx<ProjectState | undefined>('readonly', (s) => s.get(KEY));
  return v && v.version === 1 ? v : undefined;
}
