/**
 * The workflow functions issue 11 added (media editing, generation). The planner maps to them only when the
 * registry has them; tests plan against the real registry and against the registry without them, so both the
 * mapping and the honest refusal are covered.
 */
import type { Registry } from '../../../src/workflow/lang/types';

export const CONTRACT_NAMES = [
  'LoadVideo',
  'LoadAudio',
  'TrimVideo',
  'ConcatVideos',
  'Slideshow',
  'ExtractFrame',
  'InterpolateFrames',
  'ChangeSpeed',
  'MixAudio',
  'OverlayNarration',
  'AdjustVolume',
  'FadeAudio',
  'OverlayText',
  'CompositeImages',
  'MergeImages',
  'OilPaint',
  'Watercolor',
  'TextToImage',
  'InpaintImage',
  'RemoveObject',
  'OutpaintImage',
  'UpscaleImage',
];

/** The registry as a build without the issue-11 functions would have it. */
export function withoutContract(registry: Registry): Registry {
  const rest = new Map(registry);
  for (const name of CONTRACT_NAMES) rest.delete(name);
  return rest;
}
