import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { test } from 'vitest';
import { writeTinyMediaModels } from '../../../scripts/tiny-media-models';
test('tok', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-')); writeTinyMediaModels(dir);
  const m = await import('@huggingface/transformers');
  m.env.localModelPath = dir + '/'; m.env.allowLocalModels = true; m.env.allowRemoteModels = false;
  const t = await m.AutoTokenizer.from_pretrained('tiny-mms-tts');
  const r = t('Hello there');
  console.log('IDS', Array.from(r.input_ids.data).join(','), t.constructor.name);
});
