/**
 * A chart.js line chart as a Svelte action: created when its canvas mounts, datasets replaced whenever the
 * parameter changes, destroyed with the element — so chart components hold only their data and axes.
 *
 * Example (in a component):
 *   <canvas use:lineChart={{ datasets: series(points), options: { scales: { x: { type: 'linear' } } } }}></canvas>
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Title);

export interface LineChartParams {
  datasets: ChartDataset<'line', { x: number; y: number }[]>[];
  options: ChartOptions<'line'>;
}

export function lineChart(canvas: HTMLCanvasElement, params: LineChartParams) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: params.datasets },
    options: { animation: false, responsive: true, maintainAspectRatio: false, color: '#e6ebf5', ...params.options },
  });
  return {
    update(next: LineChartParams) {
      chart.data.datasets = next.datasets;
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}

/** An axis title in the app's muted colour. */
export const axisTitle = (text: string) => ({ display: true, text, color: '#93a0b8' });
