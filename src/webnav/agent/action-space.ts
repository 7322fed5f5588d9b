/**
 * The FULL action space of the experiment's baseline arm: every cell of a click grid (16 × 21 cells of
 * 10 px over the 160×210 screen, clicked at the cell centre) plus typing actions (each quoted phrase of
 * the utterance) and the Enter key. The affordance arm replaces this list by the program's actions.
 *
 * Example:
 *   fullActionSpace('Enter "kira" into the text field.').length   // 336 clicks + 1 type + 1 key = 338
 */
import { SCREEN_HEIGHT, SCREEN_WIDTH, type Action } from '../env/types';
import { quotedPhrases } from './features';

export const GRID_CELL = 10;

const GRID: Action[] = [];
for (let y = GRID_CELL / 2; y < SCREEN_HEIGHT; y += GRID_CELL) {
  for (let x = GRID_CELL / 2; x < SCREEN_WIDTH; x += GRID_CELL) GRID.push({ type: 'click', x, y });
}

export function fullActionSpace(utterance: string): Action[] {
  return [...GRID, ...quotedPhrases(utterance).map((text): Action => ({ type: 'type', text })), { type: 'key', name: 'Enter' }];
}
