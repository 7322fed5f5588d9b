/**
 * SpeakText (Text → Audio): speech-LIKE audio by formant synthesis, no model. Each letter becomes a short
 * segment: vowels a glottal pulse train through three formant resonators, fricatives filtered noise,
 * plosives a burst, nasals and liquids low formants, spaces and punctuation pauses. It has the rhythm and
 * colour of speech but is not intelligible text-to-speech (the model-backed TextToSpeech is).
 *
 * Example program:
 *   t = TextInput(text="hello cat")
 *   voice = SpeakText(pitch=140, rate=1)
 *   t.text -> voice.text
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import type { Value } from '../../lang/types';
import { PortError } from '../image/pixels';
import { mulberry32 } from '../../../util/random';

const RATE = 22050;

/** Formant frequencies (Hz) of English-ish vowels and voiced consonants. */
const FORMANTS: Record<string, [number, number, number]> = {
  a: [730, 1090, 2440],
  e: [530, 1840, 2480],
  i: [270, 2290, 3010],
  o: [570, 840, 2410],
  u: [300, 870, 2240],
  y: [300, 2100, 2900],
  m: [280, 1000, 2200],
  n: [280, 1700, 2600],
  l: [360, 1300, 2700],
  r: [420, 1300, 1600],
  w: [300, 700, 2200],
  v: [300, 1200, 2300],
  z: [300, 1700, 2600],
  j: [300, 2000, 2800],
};
const FRICATIVES: Record<string, number> = { s: 6000, f: 4000, h: 1500, x: 3000, c: 5000, q: 2500 };
const PLOSIVES = new Set(['p', 't', 'k', 'b', 'd', 'g']);

/** Two-pole resonator at `freq` with bandwidth `bw`, normalised to unit peak gain (roughly). */
function resonate(x: Float32Array, freq: number, bw: number): Float32Array {
  const r = Math.exp((-Math.PI * bw) / RATE);
  const c1 = 2 * r * Math.cos((2 * Math.PI * freq) / RATE),
    c2 = -r * r;
  const y = new Float32Array(x.length);
  let y1 = 0,
    y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const v = (1 - r) * x[n] + c1 * y1 + c2 * y2;
    y[n] = v;
    y2 = y1;
    y1 = v;
  }
  return y;
}

export function speak(text: string, pitch: number, rate: number): Float32Array {
  const letterSec = 0.085 / rate;
  const chars = [...text.toLowerCase()];
  const out = new Float32Array(Math.ceil((chars.length * letterSec + 0.3) * RATE));
  const rand = mulberry32(chars.length * 7919 + 13);
  let t0 = Math.round(0.1 * RATE);
  let phase = 0;
  chars.forEach((ch, idx) => {
    const n = Math.round(letterSec * RATE * (/[aeiouy]/.test(ch) ? 1.4 : 1));
    if (!/\p{L}/u.test(ch)) {
      t0 += /[.!?,;:]/.test(ch) ? n * 2 : n;
      return;
    }
    const src = new Float32Array(n);
    const formants = FORMANTS[ch];
    // Intonation: a slow fall over the phrase plus a small rise on every third letter.
    const f0 = pitch * (1.1 - (0.25 * idx) / Math.max(1, chars.length)) * (idx % 3 === 0 ? 1.06 : 1);
    if (formants) {
      for (let k = 0; k < n; k++) {
        phase += f0 / RATE;
        if (phase >= 1) phase -= 1;
        src[k] = phase < 0.4 ? Math.sin((Math.PI * phase) / 0.4) : 0; // glottal pulse
        src[k] += (rand() - 0.5) * 0.05;
      }
      const seg = new Float32Array(n);
      formants.forEach((f, i) => {
        const band = resonate(src, f, 60 + 40 * i);
        for (let k = 0; k < n; k++) seg[k] += band[k] * [1, 0.6, 0.3][i];
      });
      place(seg, 6);
    } else {
      const centre = FRICATIVES[ch] ?? 2000;
      const burst = PLOSIVES.has(ch) ? Math.round(n * 0.35) : n;
      for (let k = 0; k < burst; k++) src[k] = rand() * 2 - 1;
      place(resonate(src, centre, 1500), PLOSIVES.has(ch) ? 3 : 1.6);
    }
    t0 += n;
    function place(seg: Float32Array, gain: number) {
      const fade = Math.min(220, n / 4);
      for (let k = 0; k < n && t0 + k < out.length; k++) {
        const env = Math.min(1, k / fade, (n - k) / fade);
        out[t0 + k] += seg[k] * env * gain;
      }
    }
  });
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let k = 0; k < out.length; k++) out[k] *= 0.8 / peak;
  return out;
}

export const speakText: FunctionImpl = {
  name: 'SpeakText',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'audio',
  doc: 'Speech-like audio from text by formant synthesis (no model): the rhythm and colour of speech, not intelligible words.',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [
    { name: 'pitch', type: 'number', min: 60, max: 400, default: 140, doc: 'voice pitch in Hz' },
    { name: 'rate', type: 'number', min: 0.25, max: 4, default: 1, doc: 'speaking speed' },
  ],
  example: 't = TextInput(text="hello cat")\nvoice = SpeakText(pitch=140, rate=1)\nt.text -> voice.text',
  async run(inputs, params) {
    const t = inputs.text;
    if (!t || t.type !== 'Text') throw new PortError('input "text" must be Text', 'text');
    if (t.text.length > 2000) throw new PortError(`text is ${t.text.length} characters; SpeakText takes at most 2000`, 'text');
    const audio: Value = {
      type: 'Audio',
      sampleRate: RATE,
      channels: [speak(t.text, paramOf(params, 'pitch', 'number'), paramOf(params, 'rate', 'number'))],
    };
    return { audio };
  },
};

registerFunction(speakText);
