/**
 * ComposeMusic (Text → Audio): a short tune derived from the text, by additive synthesis (no model).
 * Each letter picks a note of the chosen scale, each word starts a new bar with a bass note; the same text
 * always gives the same tune.
 *
 * Example program:
 *   t = TextInput(text="a sunny walk with my cat")
 *   tune = ComposeMusic(tempo=110, scale="pentatonic")
 *   t.text -> tune.text
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import type { Value } from '../../lang/types';
import { PortError } from '../image/pixels';

const RATE = 22050;
const SCALES: Record<string, number[]> = {
  pentatonic: [0, 2, 4, 7, 9],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  blues: [0, 3, 5, 6, 7, 10],
};

function addNote(out: Float32Array, startSec: number, durSec: number, midi: number, gain: number, harmonics: number[]): void {
  const f = 440 * 2 ** ((midi - 69) / 12);
  const start = Math.round(startSec * RATE),
    n = Math.round(durSec * RATE);
  for (let k = 0; k < n && start + k < out.length; k++) {
    const t = k / RATE;
    // Attack 10 ms, exponential decay: a plucked / mallet sound.
    const env = Math.min(1, t / 0.01) * Math.exp((-3 * t) / durSec);
    let s = 0;
    harmonics.forEach((h, i) => (s += h * Math.sin(2 * Math.PI * f * (i + 1) * t)));
    out[start + k] += s * env * gain;
  }
}

export function compose(text: string, tempo: number, scaleName: string): Float32Array {
  const scale = SCALES[scaleName] ?? SCALES.pentatonic;
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 64);
  const beat = 60 / tempo;
  const notes = words.reduce((n, w) => n + Math.max(1, Math.min(8, w.length)), 0);
  const out = new Float32Array(Math.ceil((notes * beat * 0.5 + words.length * beat * 0.5 + 1.5) * RATE));
  let t = 0.05;
  words.forEach((w, wi) => {
    const root = (w.charCodeAt(0) - 97 + 26) % scale.length;
    addNote(out, t, beat * 2, 48 + scale[root], 0.35, [1, 0.3, 0.1]); // bass
    [...w].slice(0, 8).forEach((ch, i) => {
      const code = ch.charCodeAt(0);
      const degree = (code + i * 2 + wi) % (scale.length * 2);
      const midi = 60 + 12 * Math.floor(degree / scale.length) + scale[degree % scale.length];
      addNote(out, t, beat * 0.9, midi, 0.25, [1, 0.5, 0.25, 0.12]);
      t += beat * 0.5;
    });
    t += beat * 0.5;
  });
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let k = 0; k < out.length; k++) out[k] *= 0.8 / peak;
  return out;
}

export const composeMusic: FunctionImpl = {
  name: 'ComposeMusic',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'audio',
  doc: 'A short tune from text by additive synthesis (no model): letters pick notes of the scale, words start bars.',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [
    { name: 'tempo', type: 'number', min: 40, max: 240, default: 110, doc: 'beats per minute' },
    { name: 'scale', type: 'choice', choices: Object.keys(SCALES), default: 'pentatonic' },
  ],
  example: 't = TextInput(text="a sunny walk with my cat")\ntune = ComposeMusic(tempo=110, scale="pentatonic")\nt.text -> tune.text',
  async run(inputs, params) {
    const t = inputs.text;
    if (!t || t.type !== 'Text') throw new PortError('input "text" must be Text', 'text');
    if (!t.text.trim()) throw new PortError('input "text" is empty: there is nothing to make a tune from', 'text');
    const audio: Value = {
      type: 'Audio',
      sampleRate: RATE,
      channels: [compose(t.text, paramOf(params, 'tempo', 'number'), paramOf(params, 'scale', 'string'))],
    };
    return { audio };
  },
};

registerFunction(composeMusic);
