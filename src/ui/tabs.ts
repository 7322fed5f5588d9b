/**
 * The playground's tabs, in header order. `needsGpu` tabs show the WebGPU help page when no device is available.
 * Each tab (with its heavy libraries) is a dynamic `import()`, fetched on its first visit: the page loads
 * only the shell, the GPU badge and the energy meter up front.
 */
import type { Component } from 'svelte';

export interface TabSpec {
  id: string;
  label: string;
  paper: string;
  needsGpu: boolean;
  /** Loads the tab's component (and everything it imports) on first visit. */
  load: () => Promise<{ default: Component }>;
}

export const TABS: TabSpec[] = [
  {
    id: 'attention',
    label: 'Attention',
    paper: 'The Sparse Frontier',
    needsGpu: true,
    load: () => import('../attention/AttentionTab.svelte'),
  },
  { id: 'workflows', label: 'Workflows', paper: 'A-Language', needsGpu: false, load: () => import('../workflow/WorkflowTab.svelte') },
  { id: 'webnav', label: 'Web navigation', paper: 'CoGA', needsGpu: false, load: () => import('../webnav/WebNavTab.svelte') },
  {
    id: 'energy',
    label: 'Energy',
    paper: 'Energy Considerations of LLM Inference',
    needsGpu: false,
    load: () => import('../energy/EnergyTab.svelte'),
  },
  {
    id: 'paper2code',
    label: 'Paper → code',
    paper: 'PaperCoder',
    needsGpu: false,
    load: () => import('../paper2code/PaperCodeTab.svelte'),
  },
  { id: 'device', label: 'Device', paper: 'this GPU', needsGpu: true, load: () => import('../device/DeviceTab.svelte') },
];

export function tabFromHash(hash: string): TabSpec {
  const id = hash.replace(/^#\/?/, '');
  return TABS.find((t) => t.id === id) ?? TABS[0];
}

const loaded = new Map<string, Promise<Component>>();

/** The tab's component, loading it once; later visits get the same promise (already settled). */
export function loadTab(tab: TabSpec): Promise<Component> {
  let p = loaded.get(tab.id);
  if (!p) {
    p = tab.load().then((m) => m.default);
    // A failed load (offline, stale deploy) may be retried by visiting the tab again.
    p.catch(() => loaded.delete(tab.id));
    loaded.set(tab.id, p);
  }
  return p;
}
