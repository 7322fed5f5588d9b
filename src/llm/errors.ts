/**
 * One error type for every LLM backend, so callers (planner, affordance generator, paper → code) can say
 * what went wrong without knowing which backend ran.
 *
 * Example:
 *   try { await llm.chat(msgs); } catch (e) { if (e instanceof LlmError && e.kind === 'http') console.log(e.status); }
 */
/**
 * Model downloads add: `not-found` (404, or the hub's 401 for a missing repository), `gated` (a licence to accept
 * or a token to give: 403, or 401 marked GatedRepo), `confirm` (larger than the user's download limit; nothing
 * was fetched but a few small files to measure it).
 */
export type LlmErrorKind = 'http' | 'network' | 'malformed' | 'aborted' | 'model' | 'not-found' | 'gated' | 'confirm';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** HTTP status, for kind 'http'. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The first `max` characters of a response body, on one line, for error messages. */
export function excerpt(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
