/**
 * The energy feature's page-side surface for other tabs: the user's power choice as Svelte state. Kept apart
 * from index.ts because it reads localStorage and the page's GPU state, which workers and Node must not load.
 */
export { currentPowerClass, energySettings } from './settings.svelte';
