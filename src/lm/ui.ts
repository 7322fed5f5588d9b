/**
 * The language model's page-side surface: its panel (load, chat, the sparse-attention experiment), loaded on
 * demand by the tab that shows it. Kept out of index.ts, which carries the runtime and the tokenizer.
 */
export const loadLmPanel = () => import('./ui/LmPanel.svelte');
