// Secrets never on a command line: `bench:workflow --openai-key` is refused with a clear error (the key would be
// visible in `ps` and shell history); the key comes from OPENAI_API_KEY.
import { expect, test, vi } from 'vitest';
import { main } from '../../../src/workflow/bench-cli';

test('--openai-key is refused with a message that names OPENAI_API_KEY, before anything runs', async () => {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    for (const argv of [['--openai-key', 'sk-secret', '--openai-url', 'http://127.0.0.1:1/v1'], ['--openai-key=sk-secret']]) {
      errors.length = 0;
      expect(await main(argv)).toBe(2);
      expect(errors.join('\n')).toMatch(/--openai-key is not accepted .* set the OPENAI_API_KEY environment variable instead/);
      expect(errors.join('\n')).not.toContain('sk-secret');
    }
    expect(log).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
});
