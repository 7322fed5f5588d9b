/**
 * The planner's grammar for constrained decoding, as the LLM core takes it: `programGrammar(registry)` is plain data
 * (a `GrammarSpec`: the function signatures and limits) that can cross into the LLM worker, and `PLANNER_GRAMMARS`
 * turns it back into the byte-level acceptor (./acceptor.ts) where the model runs. The grammar always covers the
 * whole registry: retrieval only chooses which signatures the prompt shows.
 *
 * Example:
 *   await llm.chat(messages, { grammar: programGrammar(getRegistry()), maxTokens: 512 }); // parses and checks
 */
import type { ByteConstraint, GrammarFactories, GrammarSpec } from '../../../llm/constrained-decoding';
import type { FunctionSignature, Registry } from '../../lang/types';
import { ProgramAcceptor, type AcceptorLimits } from './acceptor';

export { ProgramAcceptor, DEFAULT_LIMITS, type AcceptorLimits, type AcceptorState } from './acceptor';

export const PROGRAM_GRAMMAR = 'alang-program';

interface ProgramGrammarData {
  signatures: FunctionSignature[];
  limits?: Partial<AcceptorLimits>;
}

/** The signature as plain data (a registry of implementations also carries `run`, which cannot be cloned). */
const plain = (s: FunctionSignature): FunctionSignature => ({
  name: s.name,
  category: s.category,
  doc: s.doc,
  inputs: s.inputs,
  outputs: s.outputs,
  params: s.params,
  example: s.example,
});

export function programGrammar(registry: Registry, limits?: Partial<AcceptorLimits>): GrammarSpec {
  const data: ProgramGrammarData = { signatures: [...registry.values()].map(plain), ...(limits ? { limits } : {}) };
  return { kind: PROGRAM_GRAMMAR, data };
}

export const PLANNER_GRAMMARS: GrammarFactories = {
  [PROGRAM_GRAMMAR]: (data) => {
    const d = data as ProgramGrammarData;
    return new ProgramAcceptor(new Map(d.signatures.map((s) => [s.name, s])), d.limits) as ByteConstraint<unknown> as ByteConstraint;
  },
};
