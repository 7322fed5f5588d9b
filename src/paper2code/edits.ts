/**
 * Reading code out of model answers: the `## Code: <file>` block of a coding answer, and the
 * `Filename:` + SEARCH/REPLACE blocks of a repair answer, applied only to files of the repository.
 * One line-by-line pass each.
 *
 * Example:
 *   applyEdits({ 'a.py': 'x = 1\n' }, parseEdits('Filename: a.py\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE'))
 *   // { files: { 'a.py': 'x = 2\n' }, before: { 'a.py': 'x = 1\n' } }
 */
import type { FileEdit } from './types';

export class EditError extends Error {
  override name = 'EditError';
}

/** The fenced block after `## Code: file` (or the only fenced block); an answer naming another file is an error. */
export function codeFromAnswer(answer: string, file: string): string {
  const lines = answer.replace(/\r\n?/g, '\n').split('\n');
  const blocks: { name?: string; body: string }[] = [];
  let name: string | undefined;
  let body: string[] | undefined;
  let fence = '';
  for (const line of lines) {
    if (body) {
      if (line.trim() === fence) {
        blocks.push({ name, body: body.join('\n') });
        body = undefined;
        name = undefined;
      } else body.push(line);
      continue;
    }
    const heading = /^#{1,4}\s*Code:\s*`?([^`\s]+)`?\s*$/.exec(line.trim());
    if (heading) name = heading[1];
    const open = /^(```+|~~~+)\s*[\w+-]*\s*$/.exec(line.trim());
    if (open) {
      fence = open[1];
      body = [];
    }
  }
  if (body) blocks.push({ name, body: body.join('\n') }); // an answer cut off inside its block
  const own = blocks.find((b) => b.name === file);
  if (own) return withNewline(own.body);
  const named = blocks.find((b) => b.name && b.name !== file);
  if (named && blocks.every((b) => b.name)) throw new EditError(`Asked for ${file}, the model wrote ${named.name} instead`);
  if (blocks.length === 0) throw new EditError(`The answer for ${file} holds no fenced code block`);
  return withNewline(blocks.sort((a, b) => b.body.length - a.body.length)[0].body);
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

export function parseEdits(answer: string): FileEdit[] {
  const edits: FileEdit[] = [];
  let file: string | undefined;
  let mode: 'none' | 'search' | 'replace' = 'none';
  let search: string[] = [];
  let replace: string[] = [];
  for (const raw of answer.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw;
    if (mode === 'none') {
      const f = /^\s*(?:\*\*)?Filename:?(?:\*\*)?\s*`?([^`\s*]+)`?/i.exec(line);
      if (f) file = f[1];
      else if (/^<{5,9} ?SEARCH\s*$/.test(line.trim())) {
        mode = 'search';
        search = [];
      }
    } else if (mode === 'search') {
      if (/^={5,9}\s*$/.test(line.trim())) {
        mode = 'replace';
        replace = [];
      } else search.push(line);
    } else if (/^>{5,9} ?REPLACE\s*$/.test(line.trim())) {
      if (!file) throw new EditError('A SEARCH/REPLACE block has no "Filename:" line before it');
      edits.push({ file, search: search.join('\n'), replace: replace.join('\n') });
      mode = 'none';
    } else replace.push(line);
  }
  if (mode !== 'none') throw new EditError(`The SEARCH/REPLACE block for ${file ?? '(no file)'} is not closed with >>>>>>> REPLACE`);
  return edits;
}

/** Applies edits in order; every SEARCH must occur in its file (exactly, or ignoring trailing spaces). */
export function applyEdits(
  files: Record<string, string>,
  edits: FileEdit[],
): { files: Record<string, string>; before: Record<string, string> } {
  const out = { ...files };
  const before: Record<string, string> = {};
  if (edits.length === 0) throw new EditError('The answer holds no SEARCH/REPLACE edit');
  for (const e of edits) {
    const file = e.file.replace(/^\.\//, '');
    if (!(file in out))
      throw new EditError(`An edit targets ${e.file}, which is not a file of the repository (${Object.keys(out).join(', ')})`);
    const content = out[file];
    let at = e.search === '' ? -1 : content.indexOf(e.search);
    let search = e.search;
    if (at < 0 && e.search.trim()) {
      // Tolerate trailing whitespace differences only: compare line by line with trailing spaces trimmed.
      const found = findTrimmed(content, e.search);
      if (found) [at, search] = found;
    }
    if (at < 0) throw new EditError(`In ${file}, the SEARCH text was not found:\n${e.search.slice(0, 400)}`);
    if (!(file in before)) before[file] = content;
    out[file] = content.slice(0, at) + e.replace + content.slice(at + search.length);
  }
  return { files: out, before };
}

function findTrimmed(content: string, search: string): [number, string] | undefined {
  const want = search.split('\n').map((l) => l.trimEnd());
  const lines = content.split('\n');
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    starts.push(pos);
    pos += l.length + 1;
  }
  for (let i = 0; i + want.length <= lines.length; i++) {
    if (lines[i].trimEnd() !== want[0]) continue;
    let ok = true;
    for (let j = 1; j < want.length && ok; j++) ok = lines[i + j].trimEnd() === want[j];
    if (ok) {
      const end = i + want.length - 1;
      return [starts[i], content.slice(starts[i], starts[end] + lines[end].length)];
    }
  }
  return undefined;
}
