/**
 * The Models panel's state: the download limit (kept with the LLM settings), the models the user allowed above
 * it this session, and what Cache Storage holds (listed and deleted on demand; the listing code loads when the
 * panel is first opened). Workflow runs read `modelRuntimeConfig()` so their model nodes obey the same limit.
 */
import { loadLlmSettings, saveLlmSettings } from '../../llm/settings';
import type { CachedModel } from '../../llm/model-cache';
import { formatBytes } from '../../llm/catalogue';
import { forgetLoadedModels } from '../../llm/transformers-backend';
import { workflowWorker } from './workflow-client';

export const models = $state({
  limitMB: loadLlmSettings().confirmAboveMB,
  /** Model ids allowed to download above the limit, this session. */
  allowed: [] as string[],
  cached: [] as CachedModel[],
  loading: false,
  message: '',
});

export function setLimit(mb: number): void {
  if (!Number.isFinite(mb) || mb < 0) return;
  models.limitMB = mb;
  saveLlmSettings({ ...loadLlmSettings(), confirmAboveMB: mb });
}

export function allow(modelId: string): void {
  if (!models.allowed.includes(modelId)) models.allowed.push(modelId);
}

/** What the workflow worker's model functions need: the same mirror as the planner, the limit, the allowed ids. */
export function modelRuntimeConfig(): {
  localModelPath?: string;
  confirmAboveBytes: number;
  allowed: string[];
} {
  const s = loadLlmSettings();
  return {
    localModelPath: s.transformers.localModelPath || undefined,
    confirmAboveBytes: models.limitMB * 1e6,
    allowed: [...models.allowed],
  };
}

export async function refreshCached(): Promise<void> {
  models.loading = true;
  try {
    const { listCachedModels } = await import('../../llm/model-cache');
    models.cached = await listCachedModels();
    models.message = models.cached.length ? '' : 'No model files are cached in this browser.';
  } catch (e) {
    models.message = `Could not read Cache Storage: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    models.loading = false;
  }
}

export async function removeCached(m: CachedModel): Promise<void> {
  const { deleteCachedModel } = await import('../../llm/model-cache');
  const n = await deleteCachedModel(m);
  // The workers drop what they loaded from those files, so the next use downloads (and asks) again.
  const urls = m.files.map((f) => f.url);
  await Promise.all([workflowWorker().forgetModels(urls), forgetLoadedModels(urls)]);
  await refreshCached();
  models.message = `Deleted ${n} file(s) of ${m.model} (${formatBytes(m.bytes)}).`;
}

/** The model id a 'confirm' error names ("<id> (<dtype>, <device>): … above your limit"), if it is one. */
export function confirmModelOf(message: string): string | undefined {
  const m = /^(?:Could not load )?(\S+) \([^)]*\): .* above your limit/.exec(message);
  return m?.[1];
}
