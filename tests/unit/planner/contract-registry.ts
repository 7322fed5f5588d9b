/**
 * The registry plus the workflow functions other modules are adding (names and roles are a contract; ports and
 * parameters here are this test's assumption), so the planner's mapping to them is tested before they land.
 * Functions already registered keep their real signature.
 */
import type { FunctionSignature, ParamSpec, PortSpec, PortType, Registry } from '../../../src/workflow/lang/types';

const inp = (name: string, type: PortType, optional = false): PortSpec => ({ name, type, ...(optional ? { optional } : {}) });
const out = (name: string, type: PortType): PortSpec => ({ name, type });
const num = (name: string, min: number, max: number, dflt: number): ParamSpec => ({ name, type: 'number', min, max, default: dflt });
const str = (name: string): ParamSpec => ({ name, type: 'string', default: '' });

function sig(name: string, inputs: PortSpec[], outputs: PortSpec[], params: ParamSpec[] = [], needsModel = false): FunctionSignature {
  const category = outputs[0].type === 'Video' ? 'video' : outputs[0].type === 'Audio' ? 'audio' : 'image';
  return {
    name,
    category,
    doc: `${name} (contract stand-in for the planner tests).`,
    inputs,
    outputs,
    params,
    example: '',
    ...(needsModel ? { needsModel } : {}),
  };
}

export const CONTRACT: FunctionSignature[] = [
  sig('LoadVideo', [], [out('video', 'Video')], [{ name: 'source', type: 'string', required: true }]),
  sig('LoadAudio', [], [out('audio', 'Audio')], [{ name: 'source', type: 'string', required: true }]),
  sig('TrimVideo', [inp('video', 'Video')], [out('video', 'Video')], [num('start', 0, 3600, 0), num('end', 0, 3600, 5)]),
  sig('ConcatVideos', [inp('a', 'Video'), inp('b', 'Video')], [out('video', 'Video')]),
  sig('Slideshow', [inp('a', 'Image'), inp('b', 'Image'), inp('c', 'Image', true)], [out('video', 'Video')], [num('seconds', 0.5, 30, 2)]),
  sig('ExtractFrame', [inp('video', 'Video')], [out('image', 'Image')], [num('time', 0, 3600, 0)]),
  sig('InterpolateFrames', [inp('video', 'Video')], [out('video', 'Video')], [num('factor', 2, 8, 2)]),
  sig('ChangeSpeed', [inp('video', 'Video')], [out('video', 'Video')], [num('factor', 0.1, 10, 1)]),
  sig('MixAudio', [inp('a', 'Audio'), inp('b', 'Audio')], [out('audio', 'Audio')]),
  sig('OverlayNarration', [inp('music', 'Audio'), inp('narration', 'Audio')], [out('audio', 'Audio')]),
  sig('AdjustVolume', [inp('audio', 'Audio')], [out('audio', 'Audio')], [num('gain', 0, 4, 1)]),
  sig('FadeAudio', [inp('audio', 'Audio')], [out('audio', 'Audio')], [num('fadeIn', 0, 60, 0), num('fadeOut', 0, 60, 0)]),
  sig('OverlayText', [inp('image', 'Image'), inp('text', 'Text')], [out('image', 'Image')], [num('fontSize', 4, 400, 32)]),
  sig(
    'CompositeImages',
    [inp('base', 'Image'), inp('overlay', 'Image')],
    [out('image', 'Image')],
    [num('x', 0, 4096, 0), num('y', 0, 4096, 0)],
  ),
  sig(
    'MergeImages',
    [inp('a', 'Image'), inp('b', 'Image')],
    [out('image', 'Image')],
    [{ name: 'mode', type: 'choice', choices: ['blend', 'side-by-side', 'mask'], default: 'blend' }],
  ),
  sig('OilPaint', [inp('image', 'Image')], [out('image', 'Image')]),
  sig('Watercolor', [inp('image', 'Image')], [out('image', 'Image')]),
  sig('TextToImage', [inp('prompt', 'Text')], [out('image', 'Image')], [], true),
  sig('InpaintImage', [inp('image', 'Image'), inp('mask', 'Image')], [out('image', 'Image')], [], true),
  sig('RemoveObject', [inp('image', 'Image')], [out('image', 'Image')], [str('object')], true),
  sig('OutpaintImage', [inp('image', 'Image')], [out('image', 'Image')], [num('expand', 0, 1024, 128)], true),
  sig('UpscaleImage', [inp('image', 'Image')], [out('image', 'Image')], [num('scale', 2, 4, 2)], true),
];

export function withContract(registry: Registry): Registry {
  const all = new Map(registry);
  for (const s of CONTRACT) if (!all.has(s.name)) all.set(s.name, s);
  return all;
}
