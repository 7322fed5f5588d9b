/**
 * MixAudio (Audio, Audio → Audio): a·(1 − balance) + b·balance, sample by sample; `b` is resampled to `a`'s
 * rate, mono is spread to stereo, and the shorter sound is padded with silence.
 *
 * Example program:
 *   song  = LoadAudio(source="song.wav")
 *   voice = SpeakText()
 *   t = TextInput(text="hello")
 *   mix = MixAudio(balance=0.5)
 *   t.text -> voice.text
 *   song.audio -> mix.a
 *   voice.audio -> mix.b
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { aligned, lengthOf, type AudioValue } from './samples';

export function mixAudio(a: AudioValue, b: AudioValue, balance: number): AudioValue {
  const [x, y] = aligned(a, b);
  const n = Math.max(lengthOf(x), lengthOf(y));
  const channels = x.channels.map((xc, c) => {
    const yc = y.channels[c];
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (xc[i] ?? 0) * (1 - balance) + (yc[i] ?? 0) * balance;
    return out;
  });
  return { type: 'Audio', sampleRate: x.sampleRate, channels };
}

export const mixAudioFunction: FunctionImpl = {
  name: 'MixAudio',
  pure: true,
  category: 'audio',
  doc: 'Mixes two sounds: a·(1 − balance) + b·balance (0.5 = equal parts); the shorter is padded with silence.',
  inputs: [
    { name: 'a', type: 'Audio', doc: 'sets the sample rate' },
    { name: 'b', type: 'Audio' },
  ],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [{ name: 'balance', type: 'number', min: 0, max: 1, default: 0.5, doc: '0 = only a, 1 = only b' }],
  example:
    't = TextInput(text="la la la")\nsong = ComposeMusic()\nvoice = SpeakText()\nmix = MixAudio(balance=0.5)\nt.text -> song.text\nt.text -> voice.text\nsong.audio -> mix.a\nvoice.audio -> mix.b',
  async run(inputs, params) {
    return { audio: mixAudio(inputOf(inputs, 'a', 'Audio'), inputOf(inputs, 'b', 'Audio'), paramOf(params, 'balance', 'number')) };
  },
};

registerFunction(mixAudioFunction);
