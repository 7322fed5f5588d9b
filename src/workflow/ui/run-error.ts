/**
 * A failed run's pinned node errors as the text fed back to an LLM planner for repair: node, function, port,
 * message and the inputs that caused it, one error per line.
 *
 * Example:
 *   formatRunErrors([{ node: 'face', fn: 'CropImage', port: 'image', message: 'crop 100×50 at (200, 0) reaches outside the 256×256 image', inputs: { image: 'Image 256×256' }, params: {} }])
 *   // 'Run error in node face (CropImage), port image: crop 100×50 at (200, 0) reaches outside the 256×256 image — inputs: image = Image 256×256'
 */
import type { NodeError } from '../runtime/executor';

/** The last run's failure, as the tab hands it to the planner box: the program text that ran and its errors. */
export interface RunFailure {
  program: string;
  error: string;
}

export function formatRunErrors(errors: NodeError[]): string {
  return errors
    .map((e) => {
      const inputs = Object.entries(e.inputs)
        .map(([k, v]) => `${k} = ${v}`)
        .join('; ');
      return `Run error in node ${e.node} (${e.fn})${e.port ? `, port ${e.port}` : ''}: ${e.message}${inputs ? ` — inputs: ${inputs}` : ''}`;
    })
    .join('\n');
}
