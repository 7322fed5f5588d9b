/**
 * The workflow worker's methods (workers/workflow.worker.ts exposes them with comlink). All media work —
 * running nodes, encoding PNG/WAV/WebM/GLB, reading recipes back — happens here, never on the page.
 * The cache lives as long as the worker, so a re-run after an edit runs only what changed.
 *
 * Example (page side, see src/workflow/ui/workflow-client.ts):
 *   const api = workflowWorker();
 *   const out = await api.run('run-1', program, {}, Comlink.proxy((e) => console.log(e)));
 */
import { print } from '../lang';
import type { ProgramJson, Value } from '../lang/types';
import { getRegistry } from '../functions/implementations';
import { setFetchBase } from '../functions/image/load-image';
import { configureModels, type ModelRuntimeConfig } from '../functions/models/runtime';
import { forgetModel, loadedModelsIn } from '../../llm/model-loader';
import { plotToImage } from '../functions/image/plot-to-image';
import { readGlbRecipe } from '../functions/mesh/export';
import { readWebmRecipe } from '../functions/video/webm';
import { outcome, type Outcome } from '../../worker/outcome';
import { hashBytes, NodeCache } from './cache';
import { describeValue, runProgram, subProgram, type NodeError, type NodeStatus, type RunEvent } from './executor';
import { encodePng, encodeWav, readRecipe } from './recipe';
import { formatMegabytes, MAX_PROGRAM_BYTES } from '../lang/limits';
import type { NodePool } from './node-pool';
import { standaloneContext } from '../functions/registry';

/** One output port's value, ready for the page to show and download. */
export interface Artifact {
  node: string;
  port: string;
  type: Value['type'];
  summary: string;
  /** The file a user downloads (PNG, WAV, WebM, GLB/OBJ), with the recipe inside. */
  file?: { name: string; mime: string; bytes: Uint8Array };
  text?: string;
  /** For the 3D viewer. */
  mesh?: { positions: Float32Array; indices: Uint32Array; colors?: Float32Array };
  /** The program that produced it (also inside `file`). */
  recipe: string;
}

export interface RunSummary {
  ok: boolean;
  cancelled: boolean;
  errors: NodeError[];
  status: Record<string, NodeStatus>;
  artifacts: Artifact[];
}

export interface RunRequest {
  /** Run only this node and its ancestors; its outputs are shown. */
  target?: string;
  concurrency?: number;
}

const MIME: Partial<Record<Value['type'], string>> = { Image: 'image/png', Plot: 'image/png', Audio: 'audio/wav' };

async function toArtifact(node: string, port: string, value: Value, recipe: string): Promise<Artifact> {
  const base: Artifact = { node, port, type: value.type, summary: describeValue(value), recipe };
  const name = `${node}-${port}`;
  switch (value.type) {
    case 'Image':
      return { ...base, file: { name: `${name}.png`, mime: MIME.Image!, bytes: encodePng(value, { alang: recipe }) } };
    case 'Plot': {
      const out = await plotToImage.run({ plot: value }, { width: 480, height: 300 }, standaloneContext());
      const img = out.image as Extract<Value, { type: 'Image' }>;
      return { ...base, file: { name: `${name}.png`, mime: MIME.Plot!, bytes: encodePng(img, { alang: recipe }) } };
    }
    case 'Audio':
      return { ...base, file: { name: `${name}.wav`, mime: MIME.Audio!, bytes: encodeWav(value, recipe) } };
    case 'Video':
      return { ...base, file: { name: `${name}.webm`, mime: value.mimeType, bytes: value.bytes.slice() } };
    case 'Mesh': {
      const ext = value.format ?? 'glb';
      const file = value.file
        ? { name: `${name}.${ext}`, mime: ext === 'glb' ? 'model/gltf-binary' : 'model/obj', bytes: value.file.slice() }
        : undefined;
      return { ...base, file, mesh: { positions: value.positions, indices: value.indices, colors: value.colors } };
    }
    case 'Text':
      return { ...base, text: value.text };
    case 'Number':
      return { ...base, text: String(value.value) };
    case 'Tensor':
      return {
        ...base,
        text: `[${value.shape.join(', ')}] ${Array.from(value.data.slice(0, 16), (x) => +x.toFixed(4)).join(', ')}${value.data.length > 16 ? ', …' : ''}`,
      };
  }
}

/** The ports to show: unconnected outputs of the nodes that ran, or the target's outputs. */
function shownPorts(program: ProgramJson, ran: Set<string>, target?: string): { node: string; port: string }[] {
  const used = new Set(program.edges.map((e) => `${e.from.node}.${e.from.port}`));
  const out: { node: string; port: string }[] = [];
  for (const n of program.nodes) {
    if (!ran.has(n.id)) continue;
    const def = getRegistry().get(n.fn);
    for (const p of def?.outputs ?? []) {
      if (target !== undefined ? n.id === target : !used.has(`${n.id}.${p.name}`)) out.push({ node: n.id, port: p.name });
    }
  }
  return out;
}

/** `pool` runs pure-CPU nodes in node workers (parallel branches); without it every node runs here. */
export function workflowWorkerApi(pool?: NodePool) {
  const cache = new NodeCache(64);
  const files = new Map<string, Uint8Array>();
  const fileHashes = new Map<string, string>();
  const runs = new Map<string, AbortController>();

  return {
    /** Relative URLs in LoadImage resolve against the page, not the worker script. */
    async setBase(pageUrl: string): Promise<void> {
      setFetchBase(pageUrl);
    },

    /** Where model functions load from (a self-hosted mirror or the hub), the download limit, allowed models. */
    async setModels(c: Pick<ModelRuntimeConfig, 'localModelPath' | 'confirmAboveBytes' | 'allowed'>): Promise<void> {
      configureModels({ localModelPath: c.localModelPath, confirmAboveBytes: c.confirmAboveBytes, allowed: c.allowed });
    },

    /** The Models panel deleted these cached files: drop the loaded models they belong to (the next run downloads). */
    async forgetModels(urls: string[]): Promise<void> {
      for (const id of loadedModelsIn(urls)) forgetModel(id);
    },

    /** A file the user dropped or picked, for LoadImage(source="<name>"). */
    async addFile(name: string, bytes: Uint8Array): Promise<void> {
      files.set(name, bytes);
      fileHashes.set(name, hashBytes(bytes));
    },

    async listFiles(): Promise<string[]> {
      return [...files.keys()];
    },

    async run(runId: string, program: ProgramJson, req: RunRequest, onEvent: (e: RunEvent) => void): Promise<Outcome<RunSummary>> {
      const controller = new AbortController();
      runs.set(runId, controller);
      try {
        return await outcome(async () => {
          const result = await runProgram(program, {
            functions: (n) => (pool ? pool.route(getRegistry().get(n)) : getRegistry().get(n)),
            cache,
            signal: controller.signal,
            target: req.target,
            concurrency: req.concurrency ?? 4,
            onEvent,
            files,
            fileHash: (name) => fileHashes.get(name),
            recipeOf: print,
          });
          const ran = new Set([...result.outputs.keys()]);
          const artifacts: Artifact[] = [];
          for (const { node, port } of shownPorts(program, ran, req.target)) {
            const value = result.outputs.get(node)?.[port];
            if (value) artifacts.push(await toArtifact(node, port, value, print(subProgram(program, node))));
          }
          return {
            ok: result.ok,
            cancelled: result.cancelled,
            errors: result.errors,
            status: Object.fromEntries(result.status),
            artifacts,
          };
        });
      } finally {
        runs.delete(runId);
      }
    },

    async cancel(runId: string): Promise<void> {
      runs.get(runId)?.abort();
    },

    async clearCache(): Promise<void> {
      cache.clear();
    },

    /** The program a dropped output file carries (PNG, WAV, OBJ, GLB, WebM), or undefined. */
    async readRecipe(bytes: Uint8Array): Promise<Outcome<string | undefined>> {
      return outcome(async () => {
        const recipe =
          bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3
            ? await readWebmRecipe(bytes)
            : bytes[0] === 0x67 && bytes[1] === 0x6c && bytes[2] === 0x54 && bytes[3] === 0x46
              ? readGlbRecipe(bytes)
              : readRecipe(bytes);
        // A file made elsewhere can carry any text: the same cap as a program typed or dropped.
        if (recipe !== undefined && recipe.length > MAX_PROGRAM_BYTES)
          throw new Error(
            `the program this file carries is ${formatMegabytes(recipe.length)}; programs are limited to ${formatMegabytes(MAX_PROGRAM_BYTES)}`,
          );
        return recipe;
      });
    },
  };
}

export type WorkflowWorkerApi = ReturnType<typeof workflowWorkerApi>;
