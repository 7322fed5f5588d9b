/**
 * LoadAudio (→ Audio): a sound file the user dropped or picked (WAV, MP3, OGG, FLAC, AAC, or the sound of a
 * WebM/MP4 video), decoded in the workflow worker. Limit: 256 MB of file and of decoded samples.
 *
 * Example program:
 *   song = LoadAudio(source="song.wav")
 *   soft = AdjustVolume(gain=-6)
 *   song.audio -> soft.audio
 */
import { registerFunction, paramOf, type FunctionImpl } from '../registry';
import { userFile } from '../video/media-file';
import { decodeAudio } from './decode-audio';

export const loadAudio: FunctionImpl = {
  name: 'LoadAudio',
  category: 'audio',
  doc: 'Loads a sound file the user dropped or picked (WAV, MP3, OGG, FLAC, AAC, or the sound track of a WebM/MP4).',
  inputs: [],
  outputs: [{ name: 'audio', type: 'Audio' }],
  params: [{ name: 'source', type: 'string', required: true, doc: 'name of a file dropped or picked on the Workflows tab' }],
  example: 'song = LoadAudio(source="song.wav")\nsoft = AdjustVolume(gain=-6)\nsong.audio -> soft.audio',
  async run(_inputs, params, ctx) {
    const source = paramOf(params, 'source', 'string');
    const audio = await decodeAudio(userFile(ctx, source, 'audio'), source, 'source', ctx.signal);
    ctx.progress(1, `${(audio.channels[0].length / audio.sampleRate).toFixed(2)} s, ${audio.sampleRate} Hz, ${audio.channels.length} ch`);
    return { audio };
  },
};

registerFunction(loadAudio);
