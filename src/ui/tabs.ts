/** The playground's tabs, in header order. `needsGpu` tabs show the WebGPU help page when no device is available. */
import type { Component } from 'svelte';
import AttentionTab from '../attention/AttentionTab.svelte';
import WorkflowTab from '../workflow/WorkflowTab.svelte';
import WebNavTab from '../webnav/WebNavTab.svelte';
import EnergyTab from '../energy/EnergyTab.svelte';
import PaperCodeTab from '../paper2code/PaperCodeTab.svelte';
import DeviceTab from './DeviceTab.svelte';

export interface TabSpec {
  id: string;
  label: string;
  paper: string;
  needsGpu: boolean;
  component: Component;
}

export const TABS: TabSpec[] = [
  { id: 'attention', label: 'Attention', paper: 'The Sparse Frontier', needsGpu: true, component: AttentionTab },
  { id: 'workflows', label: 'Workflows', paper: 'A-Language', needsGpu: false, component: WorkflowTab },
  { id: 'webnav', label: 'Web navigation', paper: 'CoGA', needsGpu: false, component: WebNavTab },
  { id: 'energy', label: 'Energy', paper: 'Energy Considerations of LLM Inference', needsGpu: false, component: EnergyTab },
  { id: 'paper2code', label: 'Paper → code', paper: 'PaperCoder', needsGpu: false, component: PaperCodeTab },
  { id: 'device', label: 'Device', paper: 'this GPU', needsGpu: true, component: DeviceTab },
];

export function tabFromHash(hash: string): TabSpec {
  const id = hash.replace(/^#\/?/, '');
  return TABS.find((t) => t.id === id) ?? TABS[0];
}
