/**
 * PlotToImage (Plot → Image): draws a Plot value with Chart.js on an OffscreenCanvas (in the workflow
 * worker; no DOM needed), animations off.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   hist = ImageHistogram(bins=32)
 *   chart = PlotToImage(width=480, height=300)
 *   img.image -> hist.image
 *   hist.plot -> chart.plot
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { registerFunction, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { canvas2d, canvasImage } from './canvas';
import { PortError } from './pixels';

let registered = false;
const COLOURS = ['#e63946', '#2a9d8f', '#457b9d', '#333333', '#f4a261', '#9b5de5'];

export const plotToImage: FunctionDef = {
  name: 'PlotToImage',
  category: 'plot',
  doc: 'Renders a Plot (line, bar, scatter or heatmap) as a chart image with Chart.js.',
  inputs: [{ name: 'plot', type: 'Plot' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'width', type: 'number', integer: true, min: 64, max: 2048, default: 480 },
    { name: 'height', type: 'number', integer: true, min: 64, max: 2048, default: 300 },
  ],
  example:
    'img = LoadImage(source="cat.jpg")\nhist = ImageHistogram(bins=32)\nchart = PlotToImage()\nimg.image -> hist.image\nhist.plot -> chart.plot',
  async run(inputs, params) {
    const plot = inputs.plot;
    if (!plot || plot.type !== 'Plot') throw new PortError('input "plot" must be a Plot', 'plot');
    const W = paramOf(params, 'width', 'number'),
      H = paramOf(params, 'height', 'number');
    const g = canvas2d(W, H, 'PlotToImage');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, W, H);
    if (!registered) {
      Chart.register(...registerables);
      registered = true;
    }
    const scatter = plot.kind === 'scatter' || plot.kind === 'heatmap';
    const config: ChartConfiguration = {
      type: plot.kind === 'bar' ? 'bar' : scatter ? 'scatter' : 'line',
      data: {
        labels: plot.kind === 'scatter' ? undefined : plot.series[0]?.x,
        datasets: plot.series.map((s, i) => ({
          label: s.name,
          data: scatter ? s.x.map((x, k) => ({ x, y: s.y[k] })) : s.y,
          borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length],
          pointRadius: scatter ? 3 : 0,
          borderWidth: 2,
        })),
      },
      options: {
        animation: false,
        responsive: false,
        devicePixelRatio: 1,
        plugins: { title: { display: true, text: plot.title } },
      },
    };
    const chart = new Chart(g.canvas as unknown as HTMLCanvasElement, config);
    try {
      return { image: canvasImage(g) };
    } finally {
      chart.destroy();
    }
  },
};

registerFunction(plotToImage);
