/**
 * OverlayText (Image, Text → Image): the text drawn over the image (word-wrapped, centred horizontally) at
 * the top, centre or bottom, in `color` with a dark outline so it reads on any picture. Needs a 2D canvas
 * (the workflow worker's OffscreenCanvas).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   t = TextInput(text="Happy birthday!")
 *   card = OverlayText(position="bottom", fontSize=32, color="#ffffff")
 *   img.image -> card.image
 *   t.text -> card.text
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { canvas2d, canvasImage, wrapLines } from './canvas';
import { PortError } from './pixels';

export const POSITIONS = ['top', 'center', 'bottom'] as const;

export const overlayText: FunctionImpl = {
  name: 'OverlayText',
  category: 'image',
  doc: 'Writes text over an image (caption, title, meme text): top, centre or bottom, with an outline for contrast.',
  inputs: [
    { name: 'image', type: 'Image' },
    { name: 'text', type: 'Text' },
  ],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'position', type: 'choice', choices: [...POSITIONS], default: 'bottom' },
    { name: 'fontSize', type: 'number', min: 4, max: 400, default: 32, doc: 'pixels' },
    { name: 'color', type: 'string', default: '#ffffff', doc: 'CSS colour of the text' },
    { name: 'outline', type: 'boolean', default: true, doc: 'a dark outline around the letters' },
  ],
  example:
    'img = LoadImage(source="cat.jpg")\nt = TextInput(text="Happy birthday!")\ncard = OverlayText(position="bottom", fontSize=32, color="#ffffff")\nimg.image -> card.image\nt.text -> card.text',
  async run(inputs, params) {
    const img = inputOf(inputs, 'image', 'Image');
    const text = inputOf(inputs, 'text', 'Text').text;
    if (text.length > 5000) throw new PortError(`text is ${text.length} characters; OverlayText takes at most 5000`, 'text');
    const size = paramOf(params, 'fontSize', 'number');
    const g = canvas2d(img.width, img.height, 'OverlayText');
    g.putImageData(new ImageData(new Uint8ClampedArray(img.pixels), img.width, img.height), 0, 0);
    g.font = `bold ${size}px sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    const lines = wrapLines(g, text, img.width * 0.92);
    const lh = size * 1.2;
    const block = lines.length * lh;
    const position = paramOf(params, 'position', 'string');
    const top = position === 'top' ? size * 0.4 : position === 'center' ? (img.height - block) / 2 : img.height - block - size * 0.4;
    g.lineJoin = 'round';
    g.lineWidth = Math.max(2, size / 8);
    g.strokeStyle = 'rgba(0, 0, 0, 0.85)';
    g.fillStyle = paramOf(params, 'color', 'string');
    lines.forEach((line, i) => {
      const y = top + (i + 0.5) * lh;
      if (paramOf(params, 'outline', 'boolean')) g.strokeText(line, img.width / 2, y);
      g.fillText(line, img.width / 2, y);
    });
    return { image: canvasImage(g) };
  },
};

registerFunction(overlayText);
