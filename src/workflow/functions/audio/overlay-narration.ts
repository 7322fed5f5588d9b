/**
 * OverlayNarration (music, narration → Audio): the narration over the music, with the music lowered by
 * `duck` dB while the narration speaks (ducking). Speech is detected per 20 ms window (RMS above
 * `threshold` dBFS); the music's gain moves towards its target in a linear ramp of `ramp` seconds, so it
 * dips and recovers smoothly. The result lasts as long as the longer input.
 *
 * Example program:
 *   song  = LoadAudio(source="song.wav")
 *   words = LoadAudio(source="narration.wav")
 *   out   = OverlayNarration(duck=-12)
 *   song.audio  -> out.music
 *   words.audio -> out.narration
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { aligned, dbToGain, lengthOf, type AudioValue } from './samples';

export interface DuckSpec {
  duck: number;
  threshold: number;
  ramp: number;
}

/** The music's gain per sample: 1, or dbToGain(duck) where the narration speaks, with linear ramps. */
export function duckingGain(narration: AudioValue, length: number, spec: DuckSpec): Float32Array {
  const rate = narration.sampleRate;
  const win = Math.max(1, Math.round(0.02 * rate));
  const low = dbToGain(spec.duck),
    level = dbToGain(spec.threshold);
  const step = spec.ramp > 0 ? (1 - low) / (spec.ramp * rate) : Infinity;
  const gain = new Float32Array(length);
  const nLen = lengthOf(narration);
  let g = 1;
  for (let w = 0; w < length; w += win) {
    let sum = 0,
      count = 0;
    for (const ch of narration.channels) for (let i = w; i < Math.min(w + win, nLen); i++, count++) sum += ch[i] * ch[i];
    const target = count && Math.sqrt(sum / count) > level ? low : 1;
    for (let i = w; i < Math.min(w + win, length); i++) {
      g = g < target ? Math.min(target, g + step) : Math.max(target, g - step);
      gain[i] = g;
    }
  }
  return gain;
}

export function overlayNarration(music: AudioValue, narration: AudioValue, spec: DuckSpec): AudioValue {
  const [m, v] = aligned(music, narration);
  const n = Math.max(lengthOf(m), lengthOf(v));
  const gain = duckingGain(v, n, spec);
  const channels = m.channels.map((mc, c) => {
    const vc = v.channels[c];
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (mc[i] ?? 0) * gain[i] + (vc[i] ?? 0);
    return out;
  });
  return { type: 'Audio', sampleRate: m.sampleRate, channels };
}

export const overlayNarrationFunction: FunctionImpl = {
  name: 'OverlayNarration',
  pure: true,
  category: 'audio',
  doc: 'Puts a narration over music, lowering the music by `duck` dB while the narration speaks (ducking).',
  inputs: [
    { name: 'music', type: 'Audio', doc: 'background; sets the sample rate' },
    { name: 'narration', type: 'Audio', doc: 'speech, kept at full level' },
  ],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [
    { name: 'duck', type: 'number', min: -60, max: 0, default: -12, doc: 'music level under speech, in dB' },
    { name: 'threshold', type: 'number', min: -80, max: 0, default: -40, doc: 'speech is louder than this (dBFS, RMS per 20 ms)' },
    { name: 'ramp', type: 'number', min: 0, max: 2, default: 0.15, doc: 'seconds for the music to dip or recover' },
  ],
  example:
    't = TextInput(text="welcome to the show")\nsong = ComposeMusic()\nvoice = SpeakText()\nout = OverlayNarration(duck=-12)\nt.text -> song.text\nt.text -> voice.text\nsong.audio -> out.music\nvoice.audio -> out.narration',
  async run(inputs, params) {
    const spec = {
      duck: paramOf(params, 'duck', 'number'),
      threshold: paramOf(params, 'threshold', 'number'),
      ramp: paramOf(params, 'ramp', 'number'),
    };
    return { audio: overlayNarration(inputOf(inputs, 'music', 'Audio'), inputOf(inputs, 'narration', 'Audio'), spec) };
  },
};

registerFunction(overlayNarrationFunction);
