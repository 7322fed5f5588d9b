/**
 * TextToImage: a picture from a sentence with SD-Turbo (a distilled Stable Diffusion 2.1 that needs 1–4 denoising
 * steps), its three ONNX graphs run by onnxruntime-web: CLIP text encoder → UNet (the Euler ancestral loop of
 * ./turbo-scheduler.ts) → VAE decoder. The default export runs float16 kernels, so it needs WebGPU with shader-f16;
 * elsewhere the node says so before downloading anything.
 *
 * Shapes (batch 1): input_ids i32 [1,77] → last_hidden_state [1,77,1024]; latents [1,4,H/8,W/8];
 * unet(sample, timestep i64 [1], encoder_hidden_states) → out_sample (ε̂) [1,4,H/8,W/8];
 * vae_decoder(latent_sample = latents / 0.18215) → sample [1,3,H,W] in −1..1.
 *
 * Example program:
 *   t   = TextInput(text="a lighthouse on a cliff at sunset")
 *   gen = TextToImage(steps=1, seed=7)
 *   t.text -> gen.prompt
 */
import { FEATURES, MODELS } from '../../../llm/catalogue';
import { Rng } from '../../../util/random';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { PortError } from '../image/pixels';
import { loadOnnx, modelParam } from './runtime';
import { fromChw } from './image-tensor';
import { eulerAncestralStep, gaussianFrom, scaleModelInput, turboSchedule } from './turbo-scheduler';

/** The catalogue's default (src/llm/catalogue.ts: files, tokenizer, sizes, licence, the shader-f16 need). */
const MODEL = FEATURES.TextToImage.model;
const TOKENIZER = MODELS[MODEL].tokenizer!;
/** CLIP's context; SD 2.x pads with token 0 ("!"). */
const CONTEXT = 77;
const PAD_ID = 0;
const VAE_SCALE = 0.18215;

type Tensor = { data: ArrayLike<number>; dims: number[] };

export const textToImage: FunctionDef = {
  name: 'TextToImage',
  category: 'image',
  doc: 'Paints a picture of what a sentence describes (SD-Turbo diffusion model in the browser, ≈2.5 GB downloaded on first use; needs WebGPU with shader-f16).',
  needsModel: true,
  inputs: [{ name: 'prompt', type: 'Text' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'steps', type: 'number', integer: true, min: 1, max: 4, default: 1, doc: 'denoising steps (SD-Turbo: 1 is its design point)' },
    {
      name: 'seed',
      type: 'number',
      integer: true,
      min: 0,
      max: 2 ** 31 - 1,
      default: 0,
      doc: 'the same seed and prompt give the same picture',
    },
    {
      name: 'width',
      type: 'number',
      integer: true,
      min: 64,
      max: 768,
      default: 512,
      doc: 'pixels, a multiple of 64 (the model is trained at 512)',
    },
    { name: 'height', type: 'number', integer: true, min: 64, max: 768, default: 512, doc: 'pixels, a multiple of 64' },
    { name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id holding text_encoder/, unet/ and vae_decoder/model.onnx' },
    { name: 'tokenizer', type: 'string', default: TOKENIZER, doc: 'model id of the CLIP tokenizer' },
  ],
  example: 't = TextInput(text="a lighthouse on a cliff at sunset")\ngen = TextToImage(steps=1, seed=7)\nt.text -> gen.prompt',
  async run(inputs, params, ctx) {
    const prompt = inputOf(inputs, 'prompt', 'Text').text.trim();
    if (!prompt) throw new PortError('the prompt is empty: describe the picture', 'prompt');
    const width = paramOf(params, 'width', 'number');
    const height = paramOf(params, 'height', 'number');
    if (width % 64 || height % 64)
      throw new PortError(`width and height must be multiples of 64 (the UNet halves the latents three times), got ${width}×${height}`);
    const steps = paramOf(params, 'steps', 'number');
    const model = modelParam(params, MODEL);
    const m = await loadOnnx(model, MODEL, ctx, paramOf(params, 'tokenizer', 'string').trim() || TOKENIZER);
    const session = (name: string) => {
      const s = Object.entries(m.sessions).find(([file]) => file.startsWith(`${name}/`))?.[1];
      if (!s) throw new Error(`${model} has no ${name}/ graph`);
      return s;
    };
    const { Tensor } = await import('@huggingface/transformers');

    // Prompt → ids padded to CLIP's 77 → text embeddings.
    const ids = Array.from(m.tokenizer!(prompt, { truncation: true, max_length: CONTEXT }).input_ids.data, Number).slice(0, CONTEXT);
    const padded = Int32Array.from({ length: CONTEXT }, (_, i) => ids[i] ?? PAD_ID);
    const { last_hidden_state: text } = (await session('text_encoder').run({ input_ids: new Tensor('int32', padded, [1, CONTEXT]) })) as {
      last_hidden_state: Tensor;
    };

    // Latents: seeded Gaussian noise at the first noise level, then the Euler ancestral loop.
    const { timesteps, sigmas } = turboSchedule(steps);
    const gaussian = gaussianFrom(new Rng(paramOf(params, 'seed', 'number')).next);
    const shape = [1, 4, height / 8, width / 8];
    let x: Float32Array = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => gaussian() * sigmas[0]);
    for (let i = 0; i < steps; i++) {
      ctx.progress(0.9 + (0.08 * i) / steps, `denoising step ${i + 1} of ${steps} (t = ${timesteps[i]})`);
      if (ctx.signal.aborted) throw new Error('cancelled');
      const { out_sample: eps } = (await session('unet').run({
        sample: new Tensor('float32', scaleModelInput(x, sigmas[i]), shape),
        timestep: new Tensor('int64', BigInt64Array.from([BigInt(timesteps[i])]), [1]),
        encoder_hidden_states: text,
      })) as { out_sample: Tensor };
      x = eulerAncestralStep(x, eps.data, sigmas[i], sigmas[i + 1], gaussian);
    }

    ctx.progress(0.98, 'decoding the latents');
    const { sample } = (await session('vae_decoder').run({
      latent_sample: new Tensor(
        'float32',
        x.map((v) => v / VAE_SCALE),
        shape,
      ),
    })) as { sample: Tensor };
    const [, , h, w] = sample.dims;
    if (w !== width || h !== height) throw new Error(`${model}'s VAE decoder gave ${w}×${h} for ${width}×${height}`);
    ctx.progress(1, `${w}×${h} in ${steps} step${steps > 1 ? 's' : ''} on ${m.device}`);
    return { image: fromChw(sample.data, w, h, (v) => (v / 2 + 0.5) * 255) };
  },
};

registerFunction(textToImage);
