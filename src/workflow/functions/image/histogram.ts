/**
 * ImageHistogram (Image → Plot): how many pixels have each brightness, per channel, in `bins` bins.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   hist = ImageHistogram(bins=32)
 *   chart = PlotToImage()
 *   img.image -> hist.image
 *   hist.plot -> chart.plot
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage } from './pixels';

export const imageHistogram: FunctionImpl = {
  name: 'ImageHistogram',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'plot',
  doc: 'Counts pixels per brightness bin for red, green, blue and luma; a line plot.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'plot', type: 'Plot' }],
  params: [{ name: 'bins', type: 'number', integer: true, min: 2, max: 256, default: 32 }],
  example: 'img = LoadImage(source="cat.jpg")\nhist = ImageHistogram(bins=32)\nimg.image -> hist.image',
  async run(inputs, params) {
    const img = asImage(inputs.image, 'image');
    const bins = paramOf(params, 'bins', 'number');
    const counts = [0, 1, 2, 3].map(() => new Array<number>(bins).fill(0));
    const p = img.pixels;
    for (let i = 0; i < p.length; i += 4) {
      const l = 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
      [p[i], p[i + 1], p[i + 2], l].forEach((v, c) => counts[c][Math.min(bins - 1, Math.floor((v / 256) * bins))]++);
    }
    const x = Array.from({ length: bins }, (_, i) => Math.round(((i + 0.5) * 256) / bins));
    return {
      plot: {
        type: 'Plot',
        title: `Histogram ${img.width}×${img.height}`,
        kind: 'line',
        series: ['red', 'green', 'blue', 'luma'].map((name, c) => ({ name, x, y: counts[c] })),
      },
    };
  },
};

registerFunction(imageHistogram);
