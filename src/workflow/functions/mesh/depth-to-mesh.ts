/**
 * DepthToMesh (Image depth [+ Image colour] → Mesh): a height-field mesh, one vertex per sample of a
 * `resolution`×`resolution` grid, pushed towards the viewer by the depth (white = near); coloured from
 * `color` when connected. The Mesh value carries an OBJ or GLB file with the recipe.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   depth = PseudoDepth()
 *   mesh = DepthToMesh(resolution=64, relief=0.4, format="glb")
 *   img.image -> depth.image
 *   depth.depth -> mesh.depth
 *   img.image -> mesh.color
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage, resizeBilinear } from '../image/pixels';
import { meshToGlb, meshToObj } from './export';

export const depthToMesh: FunctionImpl = {
  name: 'DepthToMesh',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'mesh',
  doc: 'Height-field mesh from a depth image (white = near), optionally coloured by an image; exported as OBJ or GLB.',
  inputs: [
    { name: 'depth', type: 'Image', doc: 'grey depth, white = near' },
    { name: 'color', type: 'Image', optional: true, doc: 'vertex colours' },
  ],
  outputs: [{ name: 'mesh', type: 'Mesh' }],
  params: [
    { name: 'resolution', type: 'number', integer: true, min: 2, max: 512, default: 64, doc: 'grid samples per side' },
    { name: 'relief', type: 'number', min: 0, max: 2, default: 0.4, doc: 'depth range relative to the width' },
    { name: 'format', type: 'choice', choices: ['obj', 'glb'], default: 'glb' },
  ],
  example:
    'img = LoadImage(source="cat.jpg")\ndepth = PseudoDepth()\nmesh = DepthToMesh(resolution=64, relief=0.4, format="glb")\nimg.image -> depth.image\ndepth.depth -> mesh.depth\nimg.image -> mesh.color',
  async run(inputs, params, ctx) {
    const depth = asImage(inputs.depth, 'depth');
    const res = paramOf(params, 'resolution', 'number'),
      relief = paramOf(params, 'relief', 'number');
    const aspect = depth.height / depth.width;
    const gw = res,
      gh = Math.max(2, Math.round(res * aspect));
    const d = resizeBilinear(depth, gw, gh);
    const c = inputs.color ? resizeBilinear(asImage(inputs.color, 'color'), gw, gh) : undefined;
    const positions = new Float32Array(gw * gh * 3);
    const colors = c ? new Float32Array(gw * gh * 3) : undefined;
    for (let y = 0; y < gh; y++) {
      for (let x = 0; x < gw; x++) {
        const i = y * gw + x;
        positions[i * 3] = x / (gw - 1) - 0.5;
        positions[i * 3 + 1] = (0.5 - y / (gh - 1)) * aspect;
        positions[i * 3 + 2] = (d.pixels[i * 4] / 255) * relief;
        if (c && colors) for (let k = 0; k < 3; k++) colors[i * 3 + k] = c.pixels[i * 4 + k] / 255;
      }
    }
    const indices = new Uint32Array((gw - 1) * (gh - 1) * 6);
    let o = 0;
    for (let y = 0; y < gh - 1; y++) {
      for (let x = 0; x < gw - 1; x++) {
        const a = y * gw + x,
          b = a + 1,
          e = a + gw,
          f = e + 1;
        indices.set([a, e, b, b, e, f], o);
        o += 6;
      }
    }
    const format: 'obj' | 'glb' = paramOf(params, 'format', 'string') === 'obj' ? 'obj' : 'glb';
    const mesh = { type: 'Mesh' as const, positions, indices, colors, format };
    const recipe = ctx.recipe;
    return { mesh: { ...mesh, file: format === 'obj' ? meshToObj(mesh, recipe) : meshToGlb(mesh, recipe) } };
  },
};

registerFunction(depthToMesh);
