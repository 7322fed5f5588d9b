/**
 * AdjustVolume (Audio → Audio): every sample times 10^(gain/20), i.e. `gain` dB louder (negative: quieter).
 * Samples are not clipped here (the WAV encoder clips at ±1).
 *
 * Example program:
 *   song = LoadAudio(source="song.wav")
 *   soft = AdjustVolume(gain=-6)
 *   song.audio -> soft.audio
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { dbToGain, mapSamples } from './samples';

export const adjustVolume: FunctionImpl = {
  name: 'AdjustVolume',
  pure: true,
  category: 'audio',
  doc: 'Makes a sound louder or quieter by `gain` decibels (−6 dB ≈ half the amplitude).',
  inputs: [{ name: 'audio', type: 'Audio' }],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [{ name: 'gain', type: 'number', min: -60, max: 24, default: -6, doc: 'change in dB' }],
  example:
    't = TextInput(text="hello")\nvoice = SpeakText()\nsoft = AdjustVolume(gain=-6)\nt.text -> voice.text\nvoice.audio -> soft.audio',
  async run(inputs, params) {
    const g = dbToGain(paramOf(params, 'gain', 'number'));
    return { audio: mapSamples(inputOf(inputs, 'audio', 'Audio'), (x) => x * g) };
  },
};

registerFunction(adjustVolume);
