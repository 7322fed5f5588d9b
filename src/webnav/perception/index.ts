/**
 * The perception library: pure functions on the RGBA screen for affordance programs (see API.md, which is also
 * the text LLM prompts get). Nothing here reads the scene graph: only pixels.
 *
 * Example:
 *   import { findText, center } from '../perception';
 *   const [ok] = findText(obs, 'OK');
 *   if (ok) actions.push({ type: 'click', ...center(ok) });
 */
export * from './image';
export * from './segment';
export * from './template';
export { readText, findText, quoted, type TextRun, type FindTextOptions } from './ocr';
