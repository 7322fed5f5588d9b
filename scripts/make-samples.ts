/**
 * Writes the workflow sample inputs to public/samples/ (served with the app, e.g. LoadImage(source="samples/cat.png")).
 * The cat is drawn in code (src/workflow/functions/image/sample-cat.ts): nothing is downloaded.
 *
 *   node scripts/run-ts.mjs scripts/make-samples.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { drawSampleCat } from '../src/workflow/functions/image/sample-cat';
import { encodePng } from '../src/workflow/runtime/recipe';

export async function main(): Promise<number> {
  const dir = path.resolve('public/samples');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cat.png');
  fs.writeFileSync(
    file,
    encodePng(drawSampleCat(256), { Description: 'A tabby cat drawn procedurally by the WebGPU Playground (sample input).' }),
  );
  console.log(`wrote ${file}`);
  return 0;
}
