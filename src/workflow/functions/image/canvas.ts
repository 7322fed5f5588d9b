/** A 2D canvas where one exists (workers and pages have OffscreenCanvas; Node has none): a clear error otherwise. */
import { PortError, type ImageValue } from './pixels';

export function canvas2d(width: number, height: number, what: string): OffscreenCanvasRenderingContext2D {
  if (typeof OffscreenCanvas !== 'function') throw new PortError(`${what} needs a 2D canvas (OffscreenCanvas), which this runtime lacks`);
  return new OffscreenCanvas(width, height).getContext('2d')!;
}

export function canvasImage(g: OffscreenCanvasRenderingContext2D): ImageValue {
  const d = g.getImageData(0, 0, g.canvas.width, g.canvas.height);
  return { type: 'Image', width: d.width, height: d.height, pixels: d.data };
}
