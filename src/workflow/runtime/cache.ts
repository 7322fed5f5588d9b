/**
 * Result cache for the executor, keyed ComfyUI style: a node's key hashes its function, its parameters
 * (defaults filled in, so `levels=6` written out or left to the default is the same key) and, for each
 * input port, the key of the upstream node and the port it comes from. Node ids never enter a key, so
 * renaming or reordering nodes keeps the cache; changing a parameter changes the key of that node and of
 * everything downstream, and only those run again.
 *
 * Example:
 *   const cache = new NodeCache(32);
 *   const key = nodeKey('Cartoonize', { levels: 6 }, { image: { key: upstreamKey, port: 'image' } });
 *   cache.set(key, outputs); cache.get(key); // outputs
 */
import type { ParamValue, Value } from '../lang/types';

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits; a key, not a security hash. */
export function hashString(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Content hash of file bytes (sampled for big files: length + 4096 evenly spaced bytes). */
export function hashBytes(bytes: Uint8Array): string {
  const step = Math.max(1, Math.floor(bytes.length / 4096));
  let s = `${bytes.length}:`;
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode(bytes[i]);
  return hashString(s);
}

export interface UpstreamRef {
  key: string;
  port: string;
}

export function nodeKey(fn: string, params: Record<string, ParamValue>, inputs: Record<string, UpstreamRef>, salt = ''): string {
  const sortedParams = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  const sortedInputs = Object.keys(inputs)
    .sort()
    .map((k) => [k, inputs[k].key, inputs[k].port]);
  return hashString(JSON.stringify([fn, sortedParams, sortedInputs, salt]));
}

/** Least-recently-used map from node key to that node's outputs. */
export class NodeCache {
  private entries = new Map<string, Record<string, Value>>();

  constructor(readonly capacity = 64) {}

  get(key: string): Record<string, Value> | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, outputs: Record<string, Value>): void {
    this.entries.delete(key);
    this.entries.set(key, outputs);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
