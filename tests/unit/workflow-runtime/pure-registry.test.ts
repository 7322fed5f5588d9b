// The node-pool workers import only the pure-CPU functions (functions/pure-implementations.ts), so their
// bundle carries no GPU, mediabunny or model code. This keeps that list and the `pure` flags in step.
import { expect, test } from 'vitest';

test('pure-implementations registers exactly the functions marked pure: true', async () => {
  const { getRegistry } = await import('../../../src/workflow/functions/pure-implementations');
  const inPool = [...getRegistry().keys()].sort();
  expect(inPool.length).toBeGreaterThan(10);
  expect(inPool.filter((n) => !getRegistry().get(n)!.pure)).toEqual([]);
  await import('../../../src/workflow/functions/implementations');
  const marked = [...getRegistry().values()]
    .filter((d) => d.pure)
    .map((d) => d.name)
    .sort();
  expect(inPool).toEqual(marked);
});
