/**
 * Moved to src/ui/gpu-state.svelte.ts (Svelte state belongs to the UI, not the GPU runtime). This re-export
 * remains only for src/workflow/WorkflowTab.svelte, owned by another change; delete it once that file
 * imports '../ui/gpu-state.svelte'.
 */
export { gpu, connectGpu, type GpuStatus, type GpuLogEntry } from '../ui/gpu-state.svelte';
