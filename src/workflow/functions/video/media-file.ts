/**
 * User media files for LoadVideo and LoadAudio: the file by name from the run's files, opened with mediabunny
 * (container detection and demuxing in plain TypeScript; decoding through WebCodecs, except PCM WAV which
 * mediabunny decodes itself, also in Node). Every failure is a PortError on the `source` parameter that names
 * the file and says why, never a raw library error.
 *
 * Example:
 *   const { bytes } = userFile(ctx, 'clip.webm', 'video');
 *   const input = openMedia(bytes, 'clip.webm');
 */
import { ADTS, BufferSource, FLAC, Input, MATROSKA, MP3, MP4, OGG, QTFF, WAVE, WEBM } from 'mediabunny';
import type { RunContext } from '../../lang/types';
import { PortError } from '../image/pixels';

/**
 * What media functions may hold in the tab's memory. Checked before decoding, so a file too big or too long is a
 * clear error naming the limit, not a crashed tab. (A plain object: tests lower the limits to exercise them
 * with small files.)
 */
export const MEDIA_LIMITS = {
  /** Largest media file LoadVideo/LoadAudio read (the file is already in memory; decoding needs more). */
  fileBytes: 256 * 1024 * 1024,
  /** Decoded video frames held at once: frames × width × height × 4 bytes. */
  videoBytes: 512 * 1024 * 1024,
  /** Video frames held at once, whatever their size (encoding time grows with it). */
  videoFrames: 3000,
  /** Decoded audio: channels × samples × 4 bytes (about 11 min of 48 kHz stereo). */
  audioBytes: 256 * 1024 * 1024,
};

const mb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`);
export { mb as formatMb };

/** The user's file called `source` (dropped or picked on the Workflows tab); a located error when it is missing or too big. */
export function userFile(ctx: RunContext, source: string, kind: 'video' | 'audio'): Uint8Array {
  if (!source) throw new PortError(`parameter "source" is empty: name a ${kind} file you dropped or picked`, 'source');
  const bytes = ctx.files.get(source);
  if (!bytes) {
    const have = [...ctx.files.keys()];
    throw new PortError(
      `no file called "${source}": drop or pick the ${kind} file on the Workflows tab first` +
        (have.length ? ` (files added: ${have.slice(0, 8).join(', ')}${have.length > 8 ? ', …' : ''})` : ' (no files added yet)'),
      'source',
    );
  }
  if (bytes.length > MEDIA_LIMITS.fileBytes) {
    throw new PortError(`"${source}" is ${mb(bytes.length)}; ${kind} files are limited to ${mb(MEDIA_LIMITS.fileBytes)}`, 'source');
  }
  return bytes;
}

/**
 * The containers read here: files people have (not HLS playlists or MPEG-TS broadcasts, whose demuxers would
 * add ~KB to both workflow workers for nothing).
 */
export const MEDIA_FORMATS = [MP4, QTFF, MATROSKA, WEBM, WAVE, OGG, FLAC, MP3, ADTS];

/** An mediabunny Input over the bytes; `use` runs with it and any library error becomes a located one. */
export async function withMedia<T>(bytes: Uint8Array, name: string, port: string, use: (input: Input) => Promise<T>): Promise<T> {
  const input = new Input({ source: new BufferSource(bytes), formats: MEDIA_FORMATS });
  try {
    let known = false;
    try {
      known = await input.canRead();
    } catch {
      known = false;
    }
    if (!known) {
      throw new PortError(
        `"${name}" is not a media file this app reads (${bytes.length} bytes; known: WebM, MP4/MOV, MKV, WAV, MP3, OGG, FLAC, AAC)`,
        port,
      );
    }
    return await use(input);
  } catch (e) {
    if (e instanceof PortError) throw e;
    throw new PortError(`"${name}" could not be read: it looks damaged or truncated (${e instanceof Error ? e.message : String(e)})`, port);
  } finally {
    input.dispose();
  }
}
