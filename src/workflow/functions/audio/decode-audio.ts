/**
 * Audio file bytes → an `Audio` value: the first audio track of a WAV, MP3, OGG (Vorbis/Opus), FLAC, AAC,
 * WebM or MP4 file, demuxed by mediabunny and decoded by WebCodecs (`AudioDecoder`; PCM WAV is decoded by
 * mediabunny itself, so it works in Node too). The decoded size is checked before decoding.
 *
 * Example:
 *   const audio = await decodeAudio(bytes, 'song.mp3', 'source');
 */
import { AudioSampleSink } from 'mediabunny';
import { PortError } from '../image/pixels';
import { formatMb, MEDIA_LIMITS, withMedia } from '../video/media-file';
import type { AudioValue } from './samples';

export const MAX_AUDIO_CHANNELS = 8;

export function decodeAudio(bytes: Uint8Array, name: string, port: string, signal?: AbortSignal): Promise<AudioValue> {
  return withMedia(bytes, name, port, async (input) => {
    const MAX_AUDIO_BYTES = MEDIA_LIMITS.audioBytes;
    const track = await input.getPrimaryAudioTrack();
    if (!track)
      throw new PortError(
        `"${name}" has no audio track${(await input.getPrimaryVideoTrack()) ? ' (it is a silent video: use LoadVideo)' : ': it looks damaged, or is not a sound file'}`,
        port,
      );
    const codec = await track.getCodec();
    if (!(await track.canDecode())) {
      const why = typeof AudioDecoder === 'function' ? 'this browser cannot decode' : 'this runtime has no WebCodecs AudioDecoder for';
      throw new PortError(`"${name}": ${why} its ${codec ?? 'unknown'} audio`, port);
    }
    const rate = await track.getSampleRate();
    const count = await track.getNumberOfChannels();
    if (count < 1 || count > MAX_AUDIO_CHANNELS)
      throw new PortError(`"${name}" has ${count} audio channels; at most ${MAX_AUDIO_CHANNELS} are read`, port);
    const first = await track.getFirstTimestamp();
    const seconds = (await track.computeDuration()) - Math.min(0, first);
    const need = seconds * rate * count * 4;
    if (need > MAX_AUDIO_BYTES) {
      throw new PortError(
        `"${name}" is too long to hold in this tab: ${seconds.toFixed(1)} s of ${count}-channel ${rate} Hz audio needs ${formatMb(need)} decoded; ` +
          `the limit is ${formatMb(MAX_AUDIO_BYTES)} (${(MAX_AUDIO_BYTES / (rate * count * 4)).toFixed(0)} s of this audio). Use a shorter file.`,
        port,
      );
    }
    const parts: Float32Array[][] = Array.from({ length: count }, () => []);
    let total = 0;
    for await (const sample of new AudioSampleSink(track).samples()) {
      try {
        if (signal?.aborted) throw new Error('cancelled');
        total += sample.numberOfFrames;
        if (total * count * 4 > MAX_AUDIO_BYTES)
          throw new PortError(
            `"${name}" is too long to hold in this tab: it decodes to more than the limit of ${formatMb(MAX_AUDIO_BYTES)}`,
            port,
          );
        for (let c = 0; c < count; c++) {
          const plane = new Float32Array(sample.numberOfFrames);
          sample.copyTo(plane, { planeIndex: Math.min(c, sample.numberOfChannels - 1), format: 'f32-planar' });
          parts[c].push(plane);
        }
      } finally {
        sample.close();
      }
    }
    if (!total) throw new PortError(`"${name}" has an audio track without decodable samples`, port);
    const channels = parts.map((list) => {
      const out = new Float32Array(total);
      let at = 0;
      for (const p of list) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    });
    return { type: 'Audio', sampleRate: rate, channels };
  });
}
