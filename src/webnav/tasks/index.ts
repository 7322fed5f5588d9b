/**
 * The task registry: every task the environment offers, by name, and `makeEnv` over it.
 *
 * Example:
 *   TASK_NAMES            // ['click-button', 'click-button-sequence', …]
 *   getTask('click-tab')  // its TaskDefinition
 *   const env = makeEnv('click-button', { maxSteps: 10, timeDiscount: true });
 *   const obs = env.reset(7);  // obs.utterance: 'Click on the "save" button.'
 */
import type { TaskDefinition } from '../env/task';
import { createEnv } from '../env/make-env';
import type { EnvOptions, WebNavEnv } from '../env/types';
import { chooseList } from './choose-list';
import { clickButton } from './click-button';
import { clickButtonSequence } from './click-button-sequence';
import { clickCheckboxes } from './click-checkboxes';
import { clickCollapsible } from './click-collapsible';
import { clickColor } from './click-color';
import { clickDialog } from './click-dialog';
import { clickLink } from './click-link';
import { clickMenu } from './click-menu';
import { clickOption } from './click-option';
import { clickShape } from './click-shape';
import { clickTab } from './click-tab';
import { clickTab2 } from './click-tab-2';
import { enterPassword } from './enter-password';
import { enterText } from './enter-text';
import { focusText } from './focus-text';
import { focusText2 } from './focus-text-2';
import { loginUser } from './login-user';
import { navigateTree } from './navigate-tree';
import { useSlider } from './use-slider';
import { dragItems } from './drag-items';
import { dragShape } from './drag-shape';
import { formSequence } from './form-sequence';
import { enterTime } from './enter-time';
import { chooseDate } from './choose-date';
import { searchEngine } from './search-engine';
import { useAutocomplete } from './use-autocomplete';
import { highlightText } from './highlight-text';
import { copyPaste } from './copy-paste';
import { clickScrollList } from './click-scroll-list';

export const TASKS: readonly TaskDefinition[] = [
  clickButton,
  clickButtonSequence,
  clickLink,
  clickTab,
  clickTab2,
  clickCheckboxes,
  clickDialog,
  clickOption,
  chooseList,
  enterText,
  focusText,
  loginUser,
  navigateTree,
  clickCollapsible,
  useSlider,
  clickShape,
  clickColor,
  clickMenu,
  focusText2,
  enterPassword,
  // Interaction the first twenty lack: drag, multi-page forms, pickers, search, scroll, selection and the clipboard.
  dragItems,
  dragShape,
  formSequence,
  enterTime,
  chooseDate,
  searchEngine,
  useAutocomplete,
  highlightText,
  copyPaste,
  clickScrollList,
];

export const TASK_NAMES: readonly string[] = TASKS.map((t) => t.name);

export function getTask(name: string): TaskDefinition {
  const task = TASKS.find((t) => t.name === name);
  if (!task) throw new Error(`Unknown web-navigation task "${name}"; known tasks: ${TASK_NAMES.join(', ')}`);
  return task;
}

/** The environment for a task, by name or definition. */
export function makeEnv(task: string | TaskDefinition, opts: EnvOptions = {}): WebNavEnv {
  return createEnv(typeof task === 'string' ? getTask(task) : task, opts);
}
