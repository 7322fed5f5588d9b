/**
 * Small buffer helpers. Sizes are rounded up to 4 bytes, as WebGPU requires for copies.
 *
 * Example:
 *   const buf = createBufferFrom(device, new Float32Array([1, 2, 3]), GPUBufferUsage.STORAGE);
 *   const out = new Float32Array(await readBuffer(device, buf));
 */

const align4 = (n: number) => Math.ceil(n / 4) * 4;

/** A buffer initialised with `data`; COPY_SRC and COPY_DST are always added so it can be read back and rewritten. */
export function createBufferFrom(device: GPUDevice, data: ArrayBufferView, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: Math.max(4, align4(data.byteLength)),
    usage: usage | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    mappedAtCreation: true,
  });
  new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  buffer.unmap();
  return buffer;
}

export function createEmptyBuffer(device: GPUDevice, byteLength: number, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
  return device.createBuffer({
    label,
    size: Math.max(4, align4(byteLength)),
    usage: usage | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
}

/** A uniform buffer from 32-bit words (u32 unless given as Float32Array). */
export function createUniform(device: GPUDevice, words: Uint32Array | Float32Array | Int32Array, label?: string): GPUBuffer {
  // Uniform buffers must be a multiple of 16 bytes.
  const padded = new Uint8Array(Math.max(16, Math.ceil(words.byteLength / 16) * 16));
  padded.set(new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  return createBufferFrom(device, padded, GPUBufferUsage.UNIFORM, label);
}

/** Copies `src` to a staging buffer and returns its bytes. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, byteLength = src.size): Promise<ArrayBuffer> {
  const size = align4(byteLength);
  const staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(src, 0, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const bytes = staging.getMappedRange().slice(0, byteLength);
  staging.unmap();
  staging.destroy();
  return bytes;
}

/** Fills a buffer with NaN so a kernel that forgets to write an element is caught by the tolerance check. */
export function poisonF32(device: GPUDevice, buffer: GPUBuffer): void {
  device.queue.writeBuffer(buffer, 0, new Float32Array(buffer.size / 4).fill(Number.NaN));
}
