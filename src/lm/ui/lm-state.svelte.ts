/**
 * State and actions of the language-model panel (Attention tab): load the shipped model or picked files into the
 * GPU worker, generate with streaming tokens, tokens/s and joules per token. The worker parses and checks the
 * files; this module only moves bytes and shows results. State lives here so it survives tab switches.
 */
import { gpuWorker, Comlink } from '../../ui/gpu-client';
import { MODEL_FILES, type ModelFiles } from '../load';
import type { DecodeMethod, PrefillMethod } from '../model';
import type { LmGeneration, LmInfo } from '../worker-api';
import type { LabResult } from '../lab';
import { recallPrompt } from '../recall-task';
import { LM_MODELS } from '../../llm/catalogue';
import { speedMeter } from '../../llm/progress';
import { loadLlmSettings } from '../../llm/settings';
import type { LoadProgress } from '../../llm/types';

/** The catalogue's checkpoints for this runtime, for the hub field's suggestions (with sizes and licences). */
export const HUB_MODELS = LM_MODELS;

const FILES = MODEL_FILES;
export const SHIPPED_MODEL = 'recall-llama';

export const lm = $state({
  busy: null as null | 'load' | 'generate' | 'lab',
  status: '',
  error: '',
  info: null as LmInfo | null,
  modelName: '',
  prompt: '',
  maxNewTokens: 32,
  output: '',
  tokens: [] as number[],
  result: null as LmGeneration | null,
  decode: 'dense' as 'dense' | 'quest',
  hubId: 'HuggingFaceTB/SmolLM2-135M-Instruct',
  download: null as null | LoadProgress,
  /** Set when a download was refused above the user's limit: the size, and a button to allow it. */
  confirm: '',
  labLengths: '128,256',
  labSamples: 8,
  labProgress: null as null | { done: number; total: number },
  labResults: [] as LabResult[],
  questBudget: 4,
});

async function loadBytes(name: string, files: ModelFiles): Promise<void> {
  lm.busy = 'load';
  lm.error = '';
  lm.info = null;
  lm.status = `Loading ${name} onto the GPU…`;
  try {
    const buffers = Object.values(files).map((b) => b as ArrayBuffer);
    const r = await gpuWorker().lmLoad(Comlink.transfer(files, buffers), { capacity: 1024 });
    if (!r.ok) throw new Error(r.error.message);
    lm.info = r.value;
    lm.modelName = name;
    lm.status = '';
  } catch (e) {
    lm.error = e instanceof Error ? e.message : String(e);
    lm.status = '';
  } finally {
    lm.busy = null;
  }
}

/**
 * From the Hugging Face hub, in the GPU worker (Cache Storage 'lm-models', listed in the Models panel; Stop keeps
 * the bytes and a retry resumes). Above the download limit the user set (Models panel) it asks first: `allow`
 * is the answer.
 */
export async function loadHub(allow = false): Promise<void> {
  lm.busy = 'load';
  lm.error = '';
  lm.confirm = '';
  lm.info = null;
  lm.status = `Downloading ${lm.hubId}…`;
  const speed = speedMeter();
  try {
    const r = await gpuWorker().lmLoadHub(
      lm.hubId,
      { confirmAboveBytes: allow ? undefined : loadLlmSettings().confirmAboveMB * 1e6 },
      Comlink.proxy((p: { file: string; loaded: number; total: number; fraction: number }) => {
        lm.download = { ...p, ...speed(p.loaded, p.total) };
      }),
    );
    if (!r.ok) {
      if (r.error.kind === 'confirm') lm.confirm = r.error.message;
      else throw new Error(r.error.message);
      return;
    }
    lm.info = r.value;
    lm.modelName = lm.hubId;
  } catch (e) {
    lm.error = e instanceof Error ? e.message : String(e);
  } finally {
    lm.status = '';
    lm.download = null;
    lm.busy = null;
  }
}

/** The model that ships with the app (public/models/recall-llama), fetched from this site. */
export async function loadShipped(): Promise<void> {
  const files: ModelFiles = {};
  try {
    for (const f of FILES) {
      const res = await fetch(new URL(`models/${SHIPPED_MODEL}/${f}`, document.baseURI));
      if (!res.ok) throw new Error(`models/${SHIPPED_MODEL}/${f}: HTTP ${res.status}`);
      files[f] = await res.arrayBuffer();
    }
  } catch (e) {
    lm.error = e instanceof Error ? e.message : String(e);
    return;
  }
  await loadBytes(SHIPPED_MODEL, files);
  if (!lm.error) lm.prompt = recallPrompt(1, 128);
}

/** Files the visitor picked or dropped: config.json, model.safetensors and (optional) tokenizer files. */
export async function loadPicked(list: FileList | File[]): Promise<void> {
  const files: ModelFiles = {};
  for (const file of Array.from(list))
    if ((FILES as readonly string[]).includes(file.name)) files[file.name as (typeof FILES)[number]] = await file.arrayBuffer();
  const missing = ['config.json', 'model.safetensors'].filter((f) => !(f in files));
  if (missing.length) {
    lm.error = `Pick ${missing.join(' and ')} (and tokenizer.json) from the model's folder.`;
    return;
  }
  await loadBytes(
    Array.from(list)
      .map((f) => f.name)
      .join(', '),
    files,
  );
}

export async function generate(): Promise<void> {
  lm.busy = 'generate';
  lm.error = '';
  lm.output = '';
  lm.tokens = [];
  lm.result = null;
  const decode: DecodeMethod = lm.decode === 'quest' ? { kind: 'quest', pageBudget: lm.questBudget, pageSize: 16 } : { kind: 'dense' };
  const prefill: PrefillMethod = { kind: 'dense' };
  try {
    const r = await gpuWorker().lmGenerate(
      { prompt: lm.prompt, maxNewTokens: lm.maxNewTokens, decode, prefill },
      Comlink.proxy((token: number, text?: string) => {
        lm.tokens.push(token);
        lm.output += text !== undefined ? (lm.output ? ' ' : '') + text : '';
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    lm.result = r.value;
  } catch (e) {
    lm.error = e instanceof Error ? e.message : String(e);
  } finally {
    lm.busy = null;
  }
}

export function cancelGeneration(): void {
  void gpuWorker().lmCancel();
}

/** Accuracy against compression on the loaded recall model (multi-key retrieval), prefill and decode side by side. */
export async function runExperiment(): Promise<void> {
  const lengths = lm.labLengths.split(',').map((x) => Number(x.trim()));
  if (lengths.some((l) => !Number.isInteger(l) || l < 32)) {
    lm.error = `lengths "${lm.labLengths}": comma-separated integers of at least 32`;
    return;
  }
  lm.busy = 'lab';
  lm.error = '';
  lm.labResults = [];
  lm.labProgress = { done: 0, total: 1 };
  try {
    const r = await gpuWorker().lmLab(
      {
        task: 'mk-niah',
        lengths,
        samples: lm.labSamples,
        compressions: [2, 4, 8],
        patterns: ['block-topk', 'vertical-slash', 'local-window'],
      },
      Comlink.proxy((done: number, total: number, last?: LabResult) => {
        lm.labProgress = { done, total };
        if (last) lm.labResults.push(last);
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    lm.labResults = r.value;
  } catch (e) {
    lm.error = e instanceof Error ? e.message : String(e);
  } finally {
    lm.labProgress = null;
    lm.busy = null;
  }
}
