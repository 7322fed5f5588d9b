/**
 * The web-navigation environment: `makeEnv(task, opts)` and the task list.
 *
 * Example:
 *   import { makeEnv, TASK_NAMES } from '../env';
 *   const env = makeEnv('click-button', { maxSteps: 10, timeDiscount: true });
 *   const obs = env.reset(1);
 */
export { makeEnv, KEY_NAMES, renderScreen } from './make-env';
export { TASKS, TASK_NAMES, getTask } from '../tasks/index';
export type { TaskDefinition } from './task';
export * from './types';
