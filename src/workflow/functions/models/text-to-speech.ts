/**
 * TextToSpeech: a neural voice reads a text aloud (text-to-speech, MMS-TTS English VITS by default).
 *
 * Example program:
 *   t = TextInput(text="Good morning")
 *   tts = TextToSpeech()
 *   t.text -> tts.text
 */
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { describeModel, FEATURES } from '../../../llm/catalogue';
import { loadPipeline, modelParam, speakerEmbeddingsUrl } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.TextToSpeech.model;

export const textToSpeech: FunctionDef = {
  name: 'TextToSpeech',
  category: 'audio',
  doc: 'Reads a text aloud with a neural voice (text-to-speech model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [
    {
      name: 'model',
      type: 'string',
      default: MODEL,
      doc: 'Hugging Face model id (ONNX, text-to-speech: VITS/MMS, or SpeechT5 with a speaker embedding)',
    },
  ],
  example: 't = TextInput(text="Good morning")\ntts = TextToSpeech()\nt.text -> tts.text',
  async run(inputs, params, ctx) {
    const text = inputOf(inputs, 'text', 'Text').text;
    if (!text.trim()) throw new Error("input 'text' is empty: nothing to say");
    const model = modelParam(params, MODEL);
    // SpeechT5-style models need a speaker embedding (the vocoder is loaded by the pipeline itself).
    const speaker = describeModel(model, 'text-to-speech').speaker;
    const tts = await loadPipeline('text-to-speech', model, undefined, ctx);
    const out = (await tts(text, speaker ? { speaker_embeddings: speakerEmbeddingsUrl(model, speaker.embeddings) } : {})) as {
      audio: Float32Array;
      sampling_rate: number;
    };
    ctx.progress(1);
    return { audio: { type: 'Audio', sampleRate: out.sampling_rate, channels: [new Float32Array(out.audio)] } };
  },
};

registerFunction(textToSpeech);
