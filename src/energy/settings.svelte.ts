/**
 * The user's energy settings, shared by the header meter and the Energy tab: the power choice (auto, a GPU
 * model, or typed watts) and the grid carbon intensity. Both are remembered in localStorage and survive a
 * reload; a bad remembered value is dropped in favour of the default rather than breaking the page.
 *
 * Example:
 *   import { energySettings, setPowerChoice, currentPowerClass } from './settings.svelte';
 *   setPowerChoice({ kind: 'model', id: 'nvidia-rtx-4090' });
 *   currentPowerClass().wattsHigh; // 360
 */
import { gpu } from '../ui/gpu-state.svelte';
import {
  powerClassFor,
  checkCustomWatts,
  checkGridIntensity,
  DEFAULT_GRID_G_PER_KWH,
  type PowerChoice,
  type PowerClass,
} from './power-classes';

const CHOICE_KEY = 'webgpu-playground:energy:power-choice';
const GRID_KEY = 'webgpu-playground:energy:grid-g-per-kwh';

function load<T>(key: string): T | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function save(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}

function validChoice(c: PowerChoice | undefined): PowerChoice {
  if (!c || typeof c !== 'object') return { kind: 'auto' };
  if (c.kind === 'model' && typeof c.id === 'string') return c;
  if (c.kind === 'custom' && checkCustomWatts(c.watts).ok) return c;
  return { kind: 'auto' };
}

function validGrid(g: number | undefined): number {
  return g !== undefined && checkGridIntensity(g).ok ? g : DEFAULT_GRID_G_PER_KWH;
}

export const energySettings = $state<{ choice: PowerChoice; gridGPerKWh: number }>({
  choice: validChoice(load<PowerChoice>(CHOICE_KEY)),
  gridGPerKWh: validGrid(load<number>(GRID_KEY)),
});

/** Sets and remembers the power choice. Custom watts must pass `checkCustomWatts` first (it throws otherwise). */
export function setPowerChoice(choice: PowerChoice): void {
  if (choice.kind === 'custom') {
    const c = checkCustomWatts(choice.watts);
    if (!c.ok) throw new RangeError(c.message);
  }
  energySettings.choice = choice;
  save(CHOICE_KEY, choice);
}

/** Sets and remembers the grid intensity; returns the refusal message for a bad value (nothing changes then). */
export function setGridIntensity(value: unknown): string | null {
  const c = checkGridIntensity(value);
  if (!c.ok) return c.message;
  energySettings.gridGPerKWh = c.gPerKWh;
  save(GRID_KEY, c.gPerKWh);
  return null;
}

/** The adapter as the energy model sees it; null while connecting or without WebGPU. */
export function currentAdapter() {
  const s = gpu.status;
  return s.state === 'ready' || s.state === 'recovering' ? s.summary : null;
}

/** The power class in force: the user's choice, else identification from the adapter, else the default. */
export function currentPowerClass(): PowerClass {
  return powerClassFor(currentAdapter(), energySettings.choice);
}
