/**
 * The web-navigation environment runtime: `createEnv(definition, opts)`, scenes, fonts and the task protocol.
 * By task name (`makeEnv('click-button')`) and the task list: src/webnav/tasks.
 *
 * Example:
 *   import { createEnv } from '../env';
 *   const env = createEnv(myTask, { maxSteps: 10, timeDiscount: true });
 *   const obs = env.reset(1);
 */
export { createEnv, KEY_NAMES, renderScreen } from './make-env';
export type { TaskDefinition } from './task';
export * from './types';
