/**
 * AudioToPlot (Audio → Plot): the waveform envelope (peak per window) or the magnitude spectrum (DFT of the
 * first 2048 samples), for charts.
 *
 * Example program:
 *   t = TextInput(text="hello cat")
 *   voice = SpeakText()
 *   wave = AudioToPlot(view="waveform")
 *   t.text -> voice.text
 *   voice.audio -> wave.audio
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { PortError } from '../image/pixels';

export const audioToPlot: FunctionImpl = {
  name: 'AudioToPlot',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'audio',
  doc: 'Plots audio: the waveform envelope over time, or the magnitude spectrum of its first 2048 samples.',
  inputs: [{ name: 'audio', type: 'Audio' }],
  outputs: [{ name: 'plot', type: 'Plot' }],
  params: [{ name: 'view', type: 'choice', choices: ['waveform', 'spectrum'], default: 'waveform' }],
  example:
    't = TextInput(text="hello cat")\nvoice = SpeakText()\nwave = AudioToPlot(view="waveform")\nt.text -> voice.text\nvoice.audio -> wave.audio',
  async run(inputs, params) {
    const a = inputs.audio;
    if (!a || a.type !== 'Audio') throw new PortError('input "audio" must be Audio', 'audio');
    const s = a.channels[0] ?? new Float32Array(0);
    if (paramOf(params, 'view', 'string') === 'waveform') {
      const windows = 200,
        w = Math.max(1, Math.ceil(s.length / windows));
      const x: number[] = [],
        y: number[] = [];
      for (let i = 0; i < s.length; i += w) {
        let peak = 0;
        for (let k = i; k < Math.min(s.length, i + w); k++) peak = Math.max(peak, Math.abs(s[k]));
        x.push(+(i / a.sampleRate).toFixed(3));
        y.push(peak);
      }
      return { plot: { type: 'Plot', title: 'Waveform (peak per window)', kind: 'line', series: [{ name: 'peak', x, y }] } };
    }
    const N = Math.min(2048, s.length),
      bins = N / 2;
    const x: number[] = [],
      y: number[] = [];
    for (let k = 0; k < bins; k += 4) {
      let re = 0,
        im = 0;
      for (let n = 0; n < N; n++) {
        const ang = (-2 * Math.PI * k * n) / N;
        re += s[n] * Math.cos(ang);
        im += s[n] * Math.sin(ang);
      }
      x.push(Math.round((k * a.sampleRate) / N));
      y.push(Math.hypot(re, im));
    }
    return { plot: { type: 'Plot', title: 'Spectrum (first 2048 samples)', kind: 'line', series: [{ name: '|X(f)|', x, y }] } };
  },
};

registerFunction(audioToPlot);
