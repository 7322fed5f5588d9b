/**
 * Audio sample helpers shared by the audio editing functions (pure TypeScript, tested in Node against
 * hand-computed samples). An `Audio` value is float PCM: `channels[c][n]`, nominally in −1…1, at `sampleRate`.
 *
 * Example:
 *   const [a2, b2] = aligned(a, b);          // same rate (a's) and channel count (the larger)
 *   const g = dbToGain(-6);                   // 0.501…
 */
import type { ValueOf } from '../../lang/types';

export type AudioValue = ValueOf<'Audio'>;

export const dbToGain = (db: number): number => Math.pow(10, db / 20);

export const lengthOf = (a: AudioValue): number => a.channels[0]?.length ?? 0;

/** Linear-interpolation resampling to `rate` (unchanged when equal). */
export function resample(a: AudioValue, rate: number): AudioValue {
  if (a.sampleRate === rate) return a;
  const n = Math.max(1, Math.round((lengthOf(a) * rate) / a.sampleRate));
  const step = a.sampleRate / rate;
  const channels = a.channels.map((ch) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const x = i * step,
        k = Math.floor(x),
        f = x - k;
      out[i] = (ch[Math.min(ch.length - 1, k)] ?? 0) * (1 - f) + (ch[Math.min(ch.length - 1, k + 1)] ?? 0) * f;
    }
    return out;
  });
  return { type: 'Audio', sampleRate: rate, channels };
}

/** `count` channels: mono is copied to each, more channels are averaged down to mono, else the first `count`. */
export function withChannels(a: AudioValue, count: number): AudioValue {
  const have = a.channels.length;
  if (have === count) return a;
  if (have === 1) return { ...a, channels: Array.from({ length: count }, () => a.channels[0]) };
  if (count === 1) {
    const mono = new Float32Array(lengthOf(a));
    for (const ch of a.channels) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / have;
    return { ...a, channels: [mono] };
  }
  return { ...a, channels: Array.from({ length: count }, (_, c) => a.channels[Math.min(c, have - 1)]) };
}

/** Both at `a`'s sample rate with the larger channel count. */
export function aligned(a: AudioValue, b: AudioValue): [AudioValue, AudioValue] {
  const count = Math.max(a.channels.length, b.channels.length);
  return [withChannels(a, count), withChannels(resample(b, a.sampleRate), count)];
}

/** A new value with every sample mapped by `f(sample, index, channel)`. */
export function mapSamples(a: AudioValue, f: (x: number, n: number, c: number) => number): AudioValue {
  return { ...a, channels: a.channels.map((ch, c) => ch.map((x, n) => f(x, n, c))) };
}
