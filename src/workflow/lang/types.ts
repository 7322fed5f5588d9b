/**
 * A-Language core types: a program is functions (typed ports), parameters (typed, with ranges or choices)
 * and topology (edges from an output port to an input port). The JSON form (`ProgramJson`) is what is
 * executed and exchanged; editor layout is kept apart from it.
 */

export const PORT_TYPES = ['Text', 'Image', 'Audio', 'Video', 'Mesh', 'Number', 'Tensor', 'Plot'] as const;
export type PortType = (typeof PORT_TYPES)[number];

export interface PortSpec {
  name: string;
  type: PortType;
  doc?: string;
  /** An optional input need not be connected. */
  optional?: boolean;
}

export type ParamValue = number | string | boolean;

export type ParamSpec = { name: string; doc?: string; required?: boolean } & (
  | { type: 'number'; min?: number; max?: number; integer?: boolean; default?: number }
  | { type: 'string'; default?: string }
  | { type: 'choice'; choices: string[]; default?: string }
  | { type: 'boolean'; default?: boolean }
);

export type FunctionCategory = 'text' | 'number' | 'image' | 'audio' | 'video' | 'mesh' | 'tensor' | 'plot' | 'gpu' | 'rl';

export interface FunctionSignature {
  name: string;
  category: FunctionCategory;
  doc: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: ParamSpec[];
  /** A short program in the text syntax that uses this function. */
  example: string;
  /** Downloads a model (transformers.js) on first use. */
  needsModel?: boolean;
}

/** Values flowing along edges, tagged with their port type. */
export type Value =
  | { type: 'Text'; text: string }
  | { type: 'Number'; value: number }
  | { type: 'Image'; width: number; height: number; pixels: Uint8ClampedArray }
  | { type: 'Audio'; sampleRate: number; channels: Float32Array[] }
  | { type: 'Video'; mimeType: string; bytes: Uint8Array; width: number; height: number; frames: number; fps: number }
  | { type: 'Mesh'; positions: Float32Array; indices: Uint32Array; colors?: Float32Array; format?: 'obj' | 'glb'; file?: Uint8Array }
  | { type: 'Tensor'; shape: number[]; data: Float32Array }
  | { type: 'Plot'; title: string; kind: 'line' | 'bar' | 'scatter' | 'heatmap'; series: { name: string; x: number[]; y: number[] }[] };

/** The value carried by a port of type `T`, e.g. `ValueOf<'Text'>` is `{ type: 'Text'; text: string }`. */
export type ValueOf<T extends PortType> = Extract<Value, { type: T }>;

/** What a function's `run` receives besides its inputs and parameters: one typed context, the same everywhere. */
export interface RunContext {
  signal: AbortSignal;
  /** 0–1 progress of this node, with an optional message. */
  progress(fraction: number, message?: string): void;
  /** Files the user supplied (dropped or picked), by name. */
  files: ReadonlyMap<string, Uint8Array>;
  /** The program that produces this node (its ancestors and itself), as text, for outputs to carry. */
  recipe: string;
  /** Marks this node's work as GPU work, with the GPU time it measured (its kernels already told the energy meter). */
  markGpu(gpuMs?: number): void;
}

export interface FunctionDef extends FunctionSignature {
  run(inputs: Record<string, Value>, params: Record<string, ParamValue>, ctx: RunContext): Promise<Record<string, Value>>;
}

/** Source position, 1-based. */
export interface Loc {
  line: number;
  column: number;
}

/**
 * Source positions (`loc`, `fnLoc`, `paramLocs`, `toLoc`) are filled by `parse` and are never part of the
 * exchanged JSON (`toJson` drops them). Comments are part of the program, so text → JSON → text keeps them:
 * `comments` are the `#` lines right above a statement, `trailingComment` the `#` text at its end
 * (both without the `#`).
 */
export interface ProgramNode {
  id: string;
  fn: string;
  params: Record<string, ParamValue>;
  comments?: string[];
  trailingComment?: string;
  /** Where the node id starts. */
  loc?: Loc;
  /** Where the function name starts. */
  fnLoc?: Loc;
  /** Where each parameter name starts. */
  paramLocs?: Record<string, Loc>;
}

export interface ProgramEdge {
  from: { node: string; port: string };
  to: { node: string; port: string };
  comments?: string[];
  trailingComment?: string;
  /** Where the source `node.port` starts. */
  loc?: Loc;
  /** Where the target `node.port` starts. */
  toLoc?: Loc;
}

export interface ProgramJson {
  version: 1;
  nodes: ProgramNode[];
  edges: ProgramEdge[];
  /** `#` lines after the last statement. */
  comments?: string[];
}

/**
 * Graph-editor layout, kept apart from the program: never needed to check or run it. Keyed by node id.
 */
export interface ProgramLayout {
  nodes: Record<string, { x: number; y: number }>;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  /** The node the diagnostic is about, when there is one. */
  node?: string;
  port?: string;
  /** For JSON input: where in the document, e.g. `nodes[2].params.levels`. */
  path?: string;
}

/** What the checker needs to know about functions: a `Map<string, FunctionDef>` fits. */
export type Registry = ReadonlyMap<string, FunctionSignature>;
