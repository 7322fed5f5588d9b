/**
 * Mesh files: Wavefront OBJ (text, vertex colours as the common `v x y z r g b` extension) and binary glTF
 * (GLB 2.0: positions, colours, indices). Both carry the recipe (OBJ comments, glTF `asset.extras.alang`).
 *
 * Example:
 *   const obj = meshToObj(mesh, recipe); const glb = meshToGlb(mesh, recipe);
 */
import type { ValueOf } from '../../lang/types';
import { objRecipeHeader } from '../../runtime/recipe';

type Mesh = ValueOf<'Mesh'>;

export function meshToObj(mesh: Mesh, recipe?: string): Uint8Array {
  const lines: string[] = [];
  if (recipe) lines.push(objRecipeHeader(recipe));
  lines.push(`# ${mesh.positions.length / 3} vertices, ${mesh.indices.length / 3} triangles`);
  for (let i = 0; i < mesh.positions.length; i += 3) {
    const p = mesh.positions,
      c = mesh.colors;
    lines.push(
      `v ${p[i].toFixed(4)} ${p[i + 1].toFixed(4)} ${p[i + 2].toFixed(4)}${c ? ` ${c[i].toFixed(3)} ${c[i + 1].toFixed(3)} ${c[i + 2].toFixed(3)}` : ''}`,
    );
  }
  for (let i = 0; i < mesh.indices.length; i += 3)
    lines.push(`f ${mesh.indices[i] + 1} ${mesh.indices[i + 1] + 1} ${mesh.indices[i + 2] + 1}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

export function meshToGlb(mesh: Mesh, recipe?: string): Uint8Array {
  const n = mesh.positions.length / 3;
  const min = [Infinity, Infinity, Infinity],
    max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < mesh.positions.length; i++) {
    min[i % 3] = Math.min(min[i % 3], mesh.positions[i]);
    max[i % 3] = Math.max(max[i % 3], mesh.positions[i]);
  }
  const posBytes = mesh.positions.byteLength;
  const colBytes = mesh.colors ? mesh.colors.byteLength : 0;
  const idxBytes = mesh.indices.byteLength;
  const bin = new Uint8Array(posBytes + colBytes + idxBytes);
  bin.set(new Uint8Array(mesh.positions.buffer, mesh.positions.byteOffset, posBytes), 0);
  if (mesh.colors) bin.set(new Uint8Array(mesh.colors.buffer, mesh.colors.byteOffset, colBytes), posBytes);
  bin.set(new Uint8Array(mesh.indices.buffer, mesh.indices.byteOffset, idxBytes), posBytes + colBytes);
  const attributes: Record<string, number> = { POSITION: 0 };
  const accessors: object[] = [{ bufferView: 0, componentType: 5126, count: n, type: 'VEC3', min, max }];
  const bufferViews: object[] = [{ buffer: 0, byteOffset: 0, byteLength: posBytes, target: 34962 }];
  if (mesh.colors) {
    attributes.COLOR_0 = accessors.length;
    accessors.push({ bufferView: bufferViews.length, componentType: 5126, count: n, type: 'VEC3' });
    bufferViews.push({ buffer: 0, byteOffset: posBytes, byteLength: colBytes, target: 34962 });
  }
  const indicesAccessor = accessors.length;
  accessors.push({ bufferView: bufferViews.length, componentType: 5125, count: mesh.indices.length, type: 'SCALAR' });
  bufferViews.push({ buffer: 0, byteOffset: posBytes + colBytes, byteLength: idxBytes, target: 34963 });
  const gltf = {
    asset: { version: '2.0', generator: 'WebGPU Playground A-Language', ...(recipe ? { extras: { alang: recipe } } : {}) },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes, indices: indicesAccessor, mode: 4 }] }],
    accessors,
    bufferViews,
    buffers: [{ byteLength: bin.length }],
  };
  let json = new TextEncoder().encode(JSON.stringify(gltf));
  const pad = (b: Uint8Array, fill: number) => {
    const out = new Uint8Array(Math.ceil(b.length / 4) * 4).fill(fill);
    out.set(b);
    return out;
  };
  json = pad(json, 0x20);
  const binPadded = pad(bin, 0);
  const total = 12 + 8 + json.length + 8 + binPadded.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x46546c67, true); // 'glTF'
  v.setUint32(4, 2, true);
  v.setUint32(8, total, true);
  v.setUint32(12, json.length, true);
  v.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.set(json, 20);
  v.setUint32(20 + json.length, binPadded.length, true);
  v.setUint32(24 + json.length, 0x004e4942, true); // 'BIN\0'
  out.set(binPadded, 28 + json.length);
  return out;
}

/** Scene descriptions of our own meshes are small; a larger JSON chunk is not one of ours. */
const MAX_GLB_JSON_BYTES = 16 << 20;

/** The recipe in a GLB's `asset.extras.alang`, if any. */
export function readGlbRecipe(bytes: Uint8Array): string | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 20 || v.getUint32(0, true) !== 0x46546c67) return undefined;
  const len = v.getUint32(12, true);
  if (len > MAX_GLB_JSON_BYTES) throw new Error(`the GLB's JSON chunk is ${len} bytes; at most ${MAX_GLB_JSON_BYTES} are read`);
  let json: { asset?: { extras?: { alang?: unknown } } };
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + len)));
  } catch (e) {
    throw new Error(`the GLB's JSON chunk is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const recipe = json?.asset?.extras?.alang;
  return typeof recipe === 'string' ? recipe : undefined;
}
