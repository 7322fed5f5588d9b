// The model-backed workflow functions (src/workflow/functions/models): signatures a planner and a checker can rely on.
import { expect, test } from 'vitest';

test('every model-backed function declares needsModel, a model parameter and an example program that checks', async () => {
  const { getRegistry } = await import('../../../src/workflow/functions');
  const { analyse } = await import('../../../src/workflow/lang');
  const registry = getRegistry();
  const names = [
    'GenerateText',
    'CaptionImage',
    'ClassifyImage',
    'DetectObjects',
    'EstimateDepth',
    'RemoveBackground',
    'Transcribe',
    'TextToSpeech',
    'Translate',
    'Summarize',
    'UpscaleImage',
    'TextToImage',
    'InpaintImage',
    'RemoveObject',
    'OutpaintImage',
  ];
  for (const name of names) {
    const fn = registry.get(name)!;
    expect(fn.needsModel, name).toBe(true);
    expect(
      fn.params.some((p) => p.name === 'model'),
      name,
    ).toBe(true);
    expect(
      analyse(fn.example, registry).diagnostics.filter((d) => d.severity === 'error'),
      name,
    ).toEqual([]);
  }
});

test('the unsupported list names modalities with a reason and closest functions that exist', async () => {
  const { getRegistry, UNSUPPORTED_MODALITIES } = await import('../../../src/workflow/functions');
  expect(UNSUPPORTED_MODALITIES.map((u) => u.modality)).toContain('text → video');
  for (const u of UNSUPPORTED_MODALITIES) {
    expect(u.reason.length, u.modality).toBeGreaterThan(20);
    for (const f of u.closest) expect(getRegistry().has(f), `${u.modality}: ${f}`).toBe(true);
  }
});
