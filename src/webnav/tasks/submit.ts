/** The "Submit" button many MiniWob tasks end with. */
import { textWidth } from '../env/font';
import type { Scene, Widget } from '../env/scene';

export const SUBMIT_SIZE = { w: textWidth('Submit') + 8, h: 15 } as const;

export function addSubmit(scene: Scene, x: number, y: number, text = 'Submit'): Widget {
  return scene.add('button', x, y, textWidth(text) + 8, 15, { text });
}
