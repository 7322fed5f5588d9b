/**
 * FadeAudio (Audio → Audio): a linear fade-in over the first `fadeIn` seconds and a fade-out over the last
 * `fadeOut` seconds. Sample n of N gets gain n / Nin at the start (n < Nin) and (N − 1 − n) / Nout at the end
 * (n > N − 1 − Nout), the product where both overlap.
 *
 * Example program:
 *   song = LoadAudio(source="song.wav")
 *   soft = FadeAudio(fadeIn=1, fadeOut=2)
 *   song.audio -> soft.audio
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { lengthOf, mapSamples, type AudioValue } from './samples';

export function fadeAudio(a: AudioValue, fadeIn: number, fadeOut: number): AudioValue {
  const N = lengthOf(a);
  const nIn = Math.round(fadeIn * a.sampleRate),
    nOut = Math.round(fadeOut * a.sampleRate);
  return mapSamples(a, (x, n) => x * (n < nIn ? n / nIn : 1) * (nOut > 0 && n > N - 1 - nOut ? (N - 1 - n) / nOut : 1));
}

export const fadeAudioFunction: FunctionImpl = {
  name: 'FadeAudio',
  pure: true,
  category: 'audio',
  doc: 'Fades a sound in over its first `fadeIn` seconds and out over its last `fadeOut` seconds (linear).',
  inputs: [{ name: 'audio', type: 'Audio' }],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [
    { name: 'fadeIn', type: 'number', min: 0, max: 60, default: 1, doc: 'seconds' },
    { name: 'fadeOut', type: 'number', min: 0, max: 60, default: 1, doc: 'seconds' },
  ],
  example:
    't = TextInput(text="la la")\nsong = ComposeMusic()\nsoft = FadeAudio(fadeIn=1, fadeOut=2)\nt.text -> song.text\nsong.audio -> soft.audio',
  async run(inputs, params) {
    return {
      audio: fadeAudio(inputOf(inputs, 'audio', 'Audio'), paramOf(params, 'fadeIn', 'number'), paramOf(params, 'fadeOut', 'number')),
    };
  },
};

registerFunction(fadeAudioFunction);
