/**
 * RenderText (Text → Image): the text, word-wrapped and centred, on a plain background (2D canvas).
 *
 * Example program:
 *   t = TextInput(text="Hello from the GPU playground")
 *   card = RenderText(width=320, height=160, fontSize=28, color="#1d3557", background="#f1faee")
 *   t.text -> card.text
 */
import { registerFunction, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { canvas2d, canvasImage, wrapLines } from './canvas';
import { PortError } from './pixels';

export const renderText: FunctionDef = {
  name: 'RenderText',
  category: 'image',
  doc: 'Draws text into an image: word-wrapped, centred, in a sans-serif font of the given size and colours.',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'width', type: 'number', integer: true, min: 16, max: 4096, default: 320 },
    { name: 'height', type: 'number', integer: true, min: 16, max: 4096, default: 160 },
    { name: 'fontSize', type: 'number', min: 4, max: 400, default: 28 },
    { name: 'color', type: 'string', default: '#1d3557', doc: 'CSS colour of the text' },
    { name: 'background', type: 'string', default: '#f1faee', doc: 'CSS colour of the background' },
  ],
  example:
    't = TextInput(text="Hello from the GPU playground")\ncard = RenderText(width=320, height=160, fontSize=28)\nt.text -> card.text',
  async run(inputs, params) {
    const t = inputs.text;
    if (!t || t.type !== 'Text') throw new PortError('input "text" must be Text', 'text');
    const W = paramOf(params, 'width', 'number'),
      H = paramOf(params, 'height', 'number'),
      size = paramOf(params, 'fontSize', 'number');
    const g = canvas2d(W, H, 'RenderText');
    g.fillStyle = paramOf(params, 'background', 'string');
    g.fillRect(0, 0, W, H);
    g.fillStyle = paramOf(params, 'color', 'string');
    g.font = `${size}px sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    const lines = wrapLines(g, t.text, W * 0.9);
    const lh = size * 1.25;
    lines.forEach((l, i) => g.fillText(l, W / 2, H / 2 + (i - (lines.length - 1) / 2) * lh));
    return { image: canvasImage(g) };
  },
};

registerFunction(renderText);
