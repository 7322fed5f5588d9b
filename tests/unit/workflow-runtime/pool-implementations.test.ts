// The node-pool worker imports only pool-implementations.ts (so no model or video code is bundled into it);
// every function the workflow worker would send there (`pure: true`) must be registered by that module alone.
import { expect, test } from 'vitest';

test('every pure function is registered by pool-implementations.ts', async () => {
  const pool = await import('../../../src/workflow/functions/pool-implementations');
  const inPool = new Set(pool.getRegistry().keys());
  const all = await import('../../../src/workflow/functions/implementations');
  const pure = [...all.getRegistry().values()].filter((f) => f.pure).map((f) => f.name);
  expect(pure.length).toBeGreaterThan(5);
  expect(pure.filter((name) => !inPool.has(name))).toEqual([]);
  // And the pool module stays free of the heavy categories.
  for (const name of ['GenerateText', 'AnimateImage', 'Cartoonize', 'TrainAgent']) expect(inPool.has(name)).toBe(false);
});
