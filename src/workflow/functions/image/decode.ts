/**
 * Image file bytes → `Image`. PNGs written by this app decode in pure TypeScript (also in Node); other
 * formats (JPEG, WebP, any PNG) go through the browser's decoder (`createImageBitmap` + OffscreenCanvas),
 * which exists in workers.
 *
 * Example:
 *   const img = await decodeImage(bytes, 'photo.jpg');
 */
import { decodeOwnPng } from '../../runtime/recipe';
import { checkSize, PortError, type ImageValue } from './pixels';

export async function decodeImage(bytes: Uint8Array, name: string): Promise<ImageValue> {
  const own = bytes[0] === 137 && bytes[1] === 80 ? decodeOwnPng(bytes) : undefined;
  if (own) return own;
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new PortError(`cannot decode "${name}" here: this runtime has no image decoder (createImageBitmap)`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw new PortError(`"${name}" is not an image the browser can decode (${bytes.length} bytes)`);
  }
  checkSize(bitmap.width, bitmap.height, `"${name}"`);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = canvas.getContext('2d')!;
  g.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = g.getImageData(0, 0, canvas.width, canvas.height);
  return { type: 'Image', width: data.width, height: data.height, pixels: data.data };
}
