/**
 * What the LLM is told about the language and the functions ("node knowledge" in the paper's pipeline):
 * a short syntax guide and full signatures for the functions in play.
 * Kept compact: small in-browser models have short contexts.
 *
 * Example:
 *   signatureText(getRegistry().get('Cartoonize')!)
 *   // 'Cartoonize(levels: integer 2..16 = 6)  in: image: Image  out: image: Image  — Cartoon look: …'
 */
import type { FunctionSignature, ParamSpec, Registry } from '../lang/types';

export const SYNTAX_GUIDE = `A program has node lines, then connection lines:
  id = FunctionName(param=value, other="text")
  id.outputPort -> otherId.inputPort
Ids are lowercase names (letters, digits, _). Strings use double quotes. A connection joins an output port
to an input port of the same type (Text, Image, Audio, Video, Mesh, Number, Tensor, Plot). Every input that
is not optional must be connected. Use only the functions listed; use only their parameters and ports.`;

function paramText(p: ParamSpec): string {
  let t: string;
  if (p.type === 'number') {
    const range = p.min !== undefined || p.max !== undefined ? ` ${p.min ?? ''}..${p.max ?? ''}` : '';
    t = `${p.integer ? 'integer' : 'number'}${range}`;
  } else if (p.type === 'choice') t = p.choices.map((c) => JSON.stringify(c)).join('|');
  else t = p.type;
  const dflt = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : p.required ? ' (required)' : '';
  return `${p.name}: ${t}${dflt}`;
}

export function signatureText(sig: FunctionSignature): string {
  const ins = sig.inputs.map((i) => `${i.name}: ${i.type}${i.optional ? '?' : ''}`).join(', ') || 'none';
  const outs = sig.outputs.map((o) => `${o.name}: ${o.type}`).join(', ') || 'none';
  const doc = sig.doc.split(/(?<=\.)\s/)[0];
  return `${sig.name}(${sig.params.map(paramText).join(', ')})  in: ${ins}  out: ${outs}  — ${doc}`;
}

/** Full signatures of the named functions that exist. */
export function knowledge(names: Iterable<string>, registry: Registry): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const n of names) {
    const sig = registry.get(n);
    if (sig && !seen.has(n)) {
      seen.add(n);
      lines.push(signatureText(sig));
    }
  }
  return lines.join('\n');
}
