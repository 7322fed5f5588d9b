/**
 * Transcribe: speech → text (automatic-speech-recognition, Whisper tiny English by default). The audio is mixed
 * to mono and resampled to the 16 kHz Whisper expects.
 *
 * Example program (a round trip: a neural voice reads a sentence, Whisper writes it back):
 *   t = TextInput(text="The quick brown fox")
 *   tts = TextToSpeech()
 *   asr = Transcribe()
 *   t.text -> tts.text
 *   tts.audio -> asr.audio
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline, modelParam, monoAt } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.Transcribe.model;

export const transcribe: FunctionDef = {
  name: 'Transcribe',
  category: 'audio',
  doc: 'Writes down what is said in a recording (speech recognition model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'audio', type: 'Audio' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, automatic-speech-recognition)' }],
  example:
    't = TextInput(text="The quick brown fox")\ntts = TextToSpeech()\nasr = Transcribe()\nt.text -> tts.text\ntts.audio -> asr.audio',
  async run(inputs, params, ctx) {
    const samples = monoAt(inputOf(inputs, 'audio', 'Audio'), 16_000);
    const asr = await loadPipeline('automatic-speech-recognition', modelParam(params, MODEL), undefined, ctx);
    const out = (await asr(samples, { chunk_length_s: 30, stride_length_s: 5 })) as { text: string };
    ctx.progress(1);
    return { text: { type: 'Text', text: out.text.trim() } };
  },
};

registerFunction(transcribe);
