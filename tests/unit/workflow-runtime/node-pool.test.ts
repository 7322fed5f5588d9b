// The node-worker pool's routing and error plumbing, with node-worker APIs in this thread standing in for
// the workers (Node has no web Workers; the browser test runs the real ones).
import { expect, test } from 'vitest';
import { parse } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { NodePool } from '../../../src/workflow/runtime/node-pool';
import { nodeWorkerApi } from '../../../src/workflow/runtime/node-worker-api';
import { runProgram } from '../../../src/workflow/runtime/executor';

setWorkflowGpu(async () => undefined);

test('pure-CPU functions go to the pool, the others stay; results and located errors come back', async () => {
  let spawned = 0;
  const calls: string[] = [];
  const pool = new NodePool(() => {
    spawned++;
    const api = nodeWorkerApi();
    return { ...api, run: (id, fn, ...rest) => (calls.push(fn), api.run(id, fn, ...rest)) };
  }, 2);
  expect(pool.route(getRegistry().get('BlurImage'))).not.toBe(getRegistry().get('BlurImage'));
  for (const name of ['LoadImage', 'Cartoonize', 'AnimateImage', 'TextInput'])
    expect(pool.route(getRegistry().get(name))).toBe(getRegistry().get(name));
  // Exactly the pure-CPU functions are marked `pure` (and so may leave the workflow worker).
  const pure = [...getRegistry().values()].filter((f) => f.pure).map((f) => f.name);
  expect(pure.sort()).toEqual([
    'AdjustImage',
    'AdjustVolume',
    'AudioToPlot',
    'BlurImage',
    'ComposeMusic',
    'CompositeImages',
    'CropImage',
    'DepthToMesh',
    'FadeAudio',
    'Grayscale',
    'ImageHistogram',
    'MergeImages',
    'MixAudio',
    'OverlayNarration',
    'PseudoDepth',
    'ResizeImage',
    'SpeakText',
  ]);

  const program = parse(`
img = LoadImage(source="cat.jpg")
a = ResizeImage(width=16, height=16)
b = ResizeImage(width=8, height=8)
crop = CropImage(x=10, y=0, width=8, height=8)
img.image -> a.image
img.image -> b.image
b.image -> crop.image
`).program;
  const r = await runProgram(program, { functions: (n) => pool.route(getRegistry().get(n)) });
  expect(calls.sort()).toEqual(['CropImage', 'ResizeImage', 'ResizeImage']);
  // The two resizes were in flight together, so the pool used two workers.
  expect(spawned).toBe(2);
  expect((r.outputs.get('a')!.image as { width: number }).width).toBe(16);
  expect(r.errors).toEqual([
    expect.objectContaining({ node: 'crop', port: 'image', message: expect.stringContaining('reaches outside the 8×8 image') }),
  ]);
});
