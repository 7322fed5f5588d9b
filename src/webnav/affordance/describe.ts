/**
 * A screen described as text for a text-only LLM: the textual stand-in for CoGA's gridded, coordinate-labelled
 * screenshot. Numbered regions (R0, R1 …) from OCR and colour segmentation, with pixel boxes, plus a coarse
 * character map (one character per 10×10 cell) so the model sees the layout.
 *
 * Example:
 *   describeScreen(obs).text
 *   // R0 text "save" box x=70 y=64 w=23 h=9
 *   // R1 component white square-ish box …
 */
import type { Observation } from '../env/types';
import { colorComponents, textBoxes } from './lib';

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
  text?: string;
  colorName?: string;
  shape?: string;
}

export function describeScreen(obs: Observation): { text: string; regions: Region[] } {
  const regions: Region[] = [
    ...textBoxes(obs).map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h, text: b.text })),
    ...colorComponents(obs)
      .slice(0, 24)
      .map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h, colorName: c.colorName, shape: c.shape })),
  ];
  const lines = regions.map((r, i) =>
    r.text !== undefined
      ? `R${i} text "${r.text}" box x=${r.x} y=${r.y} w=${r.w} h=${r.h}`
      : `R${i} ${r.colorName} ${r.shape} component box x=${r.x} y=${r.y} w=${r.w} h=${r.h}`,
  );
  // Coarse map: a letter per 10×10 cell for the region covering its centre ('.' empty); rows labelled by y.
  const map: string[] = [];
  for (let y = 50; y < obs.height; y += 10) {
    let row = `y${String(y).padStart(3, '0')} `;
    for (let x = 5; x < obs.width; x += 10) {
      const k = regions.findIndex((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
      row += k < 0 ? '.' : String.fromCharCode(k < 26 ? 65 + k : 97 + ((k - 26) % 26));
    }
    map.push(row);
  }
  return {
    text: `${lines.join('\n')}\nMap (one character per 10 px cell; A = R0, B = R1 …):\n${map.join('\n')}`,
    regions,
  };
}
