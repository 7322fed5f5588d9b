/**
 * The web-navigation feature's public surface (CoGA): the environment and its tasks, perception, the DQN
 * trainer and the affordance-program sandbox and synthesiser. Other features import only this module.
 *
 * Example:
 *   import { makeEnv, TASK_NAMES, trainArm } from '../webnav';
 *   const env = makeEnv('click-button', { maxSteps: 10 });
 */
export { makeEnv, getTask, TASKS, TASK_NAMES } from './tasks/index';
export { createEnv, KEY_NAMES, renderScreen } from './env/index';
export type { TaskDefinition } from './env/task';
export * from './env/types';
export { readText, type TextRun } from './perception';
export { readTextFromPixels } from './affordance/lib';
export { formatSandboxError } from './affordance/program';
export { browserSandbox, type AffordanceSandbox, type SandboxLimits } from './affordance/sandbox';
export { synthesise, type SynthesisResult, type SynthesisOptions } from './affordance/synthesiser';
export { evaluate, trainArm, type Arm, type TrainSpec, type TrainResult } from './agent/train';
export {
  parseDemo,
  replayDemo,
  encodeFrame,
  decodeFrame,
  startDemo,
  addDemoStep,
  finishDemo,
  MAX_DEMO_BYTES,
  type Demonstration,
  type DemoStep,
  type ReplayReport,
} from './demo/demonstration';
export { demoCoverage, type CoverageReport, type CoverageStep } from './demo/coverage';
export { trainWithProgram, type ProgramTrainSpec, type ProgramTrainResult } from './experiment/train-program';
