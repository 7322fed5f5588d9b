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

/** `text` broken into lines at spaces (and at its own line breaks) so each fits `maxWidth` in the context's font. */
export function wrapLines(g: OffscreenCanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && g.measureText(next).width > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}
