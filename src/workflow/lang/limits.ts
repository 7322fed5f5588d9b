/**
 * Size limits for programs from outside (opened, dropped, imported, restored from a recipe, checked by the CLI).
 * Parsing and checking are linear, so these only keep memory and the editor reasonable; past them the user
 * gets a message that names the size and the limit instead of a page that stalls.
 */

/** Largest program text (UTF-8 bytes or UTF-16 units, whichever the caller has) accepted anywhere. */
export const MAX_PROGRAM_BYTES = 16 * 1024 * 1024;

export const formatMegabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Why a program of `bytes` is refused (e.g. "program.alang is 40.0 MB; programs are limited to 32.0 MB"), or undefined. */
export function programTooLarge(name: string, bytes: number): string | undefined {
  return bytes > MAX_PROGRAM_BYTES
    ? `${name} is ${formatMegabytes(bytes)}; programs are limited to ${formatMegabytes(MAX_PROGRAM_BYTES)}`
    : undefined;
}
