/**
 * Pulls program text out of a model's answer: the fenced code block(s) if there are any, else the lines that
 * look like statements (`id = Function(…)`, `a.port -> b.port`, comments). Small models wrap programs in prose;
 * this keeps the prose out of the checker without hiding a malformed statement (those still reach it).
 *
 * Example:
 *   extractProgram('Sure!\n```\nimg = LoadImage(source="a.jpg")\n```') // 'img = LoadImage(source="a.jpg")'
 */
const FENCE = /```[^\n`]*\n([\s\S]*?)```/g;
const STATEMENT = /^\s*(#|[A-Za-z_]\w*\s*=\s*[A-Za-z_]\w*\s*\(|[A-Za-z_]\w*\.[A-Za-z_]\w*\s*->)/;

export function extractProgram(answer: string): string {
  const text = answer.replace(/<\/?(code|program)>/g, '\n');
  const blocks = [...text.matchAll(FENCE)].map((m) => m[1].trim()).filter(Boolean);
  const body = blocks.length > 0 ? blocks.join('\n') : text;
  return body
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => STATEMENT.test(l))
    .map((l) => l.trim())
    .join('\n');
}

/** Registered function names that occur as words in `text`, in order of first mention. */
export function mentionedFunctions(text: string, names: Iterable<string>): string[] {
  const found: { name: string; at: number }[] = [];
  for (const name of names) {
    const m = new RegExp(`\\b${name}\\b`).exec(text);
    if (m) found.push({ name, at: m.index });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}
