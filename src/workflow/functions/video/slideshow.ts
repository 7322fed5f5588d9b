/**
 * Slideshow (Images → Video): two to six images, each shown `seconds`, with a crossfade, a fade through black
 * or a cut between them. All are resized to the first image's size (longest side at most `size`).
 * Ports image1 and image2 are required, image3…image6 optional (used in order; a gap is an error).
 *
 * Example program:
 *   a = LoadImage(source="cat.jpg")
 *   b = Grayscale()
 *   show = Slideshow(seconds=2, transition="crossfade")
 *   a.image -> b.image
 *   a.image -> show.image1
 *   b.image -> show.image2
 */
import { registerFunction, paramOf, type FunctionImpl } from '../registry';
import { asImage, PortError } from '../image/pixels';
import { slideshowFrames, TRANSITIONS, type Transition } from './edit';
import { checkFrameBudget, encodeVideo, fitSize } from './frames';

const PORTS = ['image1', 'image2', 'image3', 'image4', 'image5', 'image6'];

export const slideshow: FunctionImpl = {
  name: 'Slideshow',
  category: 'video',
  doc: 'A video showing 2–6 images in turn (image1, image2, then the optional image3…image6), with crossfades, fades through black or cuts.',
  inputs: PORTS.map((name, i) => ({ name, type: 'Image' as const, ...(i >= 2 ? { optional: true } : {}) })),
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [
    { name: 'seconds', type: 'number', min: 0.1, max: 60, default: 2, doc: 'how long each image shows' },
    { name: 'transition', type: 'choice', choices: [...TRANSITIONS], default: 'crossfade', doc: 'between images' },
    { name: 'fade', type: 'number', min: 0, max: 10, default: 0.5, doc: 'transition length in seconds' },
    { name: 'fps', type: 'number', integer: true, min: 1, max: 60, default: 24 },
    { name: 'size', type: 'number', integer: true, min: 16, max: 1920, default: 480, doc: 'longest side in pixels (never enlarged)' },
  ],
  example:
    'a = LoadImage(source="cat.jpg")\nb = Grayscale()\nshow = Slideshow(seconds=2, transition="crossfade")\na.image -> b.image\na.image -> show.image1\nb.image -> show.image2',
  async run(inputs, params, ctx) {
    const images = [];
    for (const port of PORTS) {
      if (!inputs[port]) continue;
      if (images.length < PORTS.indexOf(port)) throw new PortError(`${port} is connected but an earlier image port is not`, port);
      images.push(asImage(inputs[port], port));
    }
    const transition = paramOf(params, 'transition', 'string') as Transition;
    const { width, height } = fitSize(images[0].width, images[0].height, paramOf(params, 'size', 'number'));
    const seconds = paramOf(params, 'seconds', 'number'),
      fps = paramOf(params, 'fps', 'number');
    checkFrameBudget(images.length * Math.max(1, Math.round(seconds * fps)), width, height, fps, 'the slideshow', 'video');
    const clip = slideshowFrames(images, {
      seconds,
      fps,
      transition,
      fade: paramOf(params, 'fade', 'number'),
      width,
      height,
    });
    return { video: await encodeVideo(clip.frames, clip, ctx) };
  },
};

registerFunction(slideshow);
