/**
 * Writes src/workflow/functions/signatures.json from the registered implementations, so the page can know
 * every function without loading any of them. `npm run gen:signatures` (through scripts/run-ts.mjs).
 */
import { writeFile } from 'node:fs/promises';
import { getRegistry, signatureOf } from './implementations';

export const SIGNATURES_FILE = 'src/workflow/functions/signatures.json';

/** The file's exact text: signatures in registration order, one JSON document. */
export function signaturesJson(): string {
  return JSON.stringify([...getRegistry().values()].map(signatureOf), null, 2) + '\n';
}

export async function main(): Promise<number> {
  await writeFile(SIGNATURES_FILE, signaturesJson());
  console.log(`wrote ${getRegistry().size} signatures to ${SIGNATURES_FILE}`);
  return 0;
}
