/**
 * Small buffer helpers. Sizes are rounded up to 4 bytes, as WebGPU requires for copies.
 * Every buffer made here is counted per device until destroyed (`liveBuffers`), so tests can check that a failed
 * setup or dispatch leaves nothing behind; `BufferSet` + `guardedSetup` free a kernel's buffers on every error path.
 *
 * Example:
 *   const buf = createBufferFrom(device, new Float32Array([1, 2, 3]), GPUBufferUsage.STORAGE);
 *   const out = new Float32Array(await readBuffer(device, buf));
 *   buf.destroy();  // liveBuffers(device).count back to where it was
 */

const align4 = (n: number) => Math.ceil(n / 4) * 4;

const live = new WeakMap<GPUDevice, Set<GPUBuffer>>();

/** Counts `buffer` as live on `device` until its destroy(). */
function track(device: GPUDevice, buffer: GPUBuffer): GPUBuffer {
  let set = live.get(device);
  if (!set) live.set(device, (set = new Set()));
  const buffers = set;
  buffers.add(buffer);
  const destroy = buffer.destroy.bind(buffer);
  buffer.destroy = () => {
    buffers.delete(buffer);
    destroy();
  };
  return buffer;
}

/** Buffers made through these helpers on `device` and not destroyed yet. */
export function liveBuffers(device: GPUDevice): { count: number; bytes: number } {
  let bytes = 0;
  const set = live.get(device) ?? new Set();
  for (const b of set) bytes += b.size;
  return { count: set.size, bytes };
}

/** A buffer initialised with `data`; COPY_SRC and COPY_DST are always added so it can be read back and rewritten. */
export function createBufferFrom(device: GPUDevice, data: ArrayBufferView, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
  const buffer = track(
    device,
    device.createBuffer({
      label,
      size: Math.max(4, align4(data.byteLength)),
      usage: usage | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      mappedAtCreation: true,
    }),
  );
  new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  buffer.unmap();
  return buffer;
}

export function createEmptyBuffer(device: GPUDevice, byteLength: number, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
  return track(
    device,
    device.createBuffer({
      label,
      size: Math.max(4, align4(byteLength)),
      usage: usage | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }),
  );
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
  const staging = track(device, device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(src, 0, staging, 0, size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const bytes = staging.getMappedRange().slice(0, byteLength);
    staging.unmap();
    return bytes;
  } finally {
    staging.destroy();
  }
}

/** Fills a buffer with NaN so a kernel that forgets to write an element is caught by the tolerance check. */
export function poisonF32(device: GPUDevice, buffer: GPUBuffer): void {
  device.queue.writeBuffer(buffer, 0, new Float32Array(buffer.size / 4).fill(Number.NaN));
}

/** Buffers one kernel (or model) owns: made through it, destroyed together, on destroy() or when setup fails. */
export class BufferSet {
  private readonly buffers: GPUBuffer[] = [];

  constructor(private readonly device: GPUDevice) {}

  from(data: ArrayBufferView, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
    return this.add(createBufferFrom(this.device, data, usage, label));
  }

  empty(byteLength: number, usage: GPUBufferUsageFlags, label?: string): GPUBuffer {
    return this.add(createEmptyBuffer(this.device, byteLength, usage, label));
  }

  add(buffer: GPUBuffer): GPUBuffer {
    this.buffers.push(buffer);
    return buffer;
  }

  destroy(): void {
    for (const b of this.buffers.splice(0)) b.destroy();
  }
}

/**
 * Runs a kernel's setup (allocations, pipelines, bind groups) inside validation and out-of-memory error scopes.
 * A thrown error or a device error caught by the scopes destroys `owned` and throws, so a setup that fails halfway
 * leaves no buffer behind and the device error surfaces here, not later as zeros.
 */
export async function guardedSetup<T>(
  device: GPUDevice,
  label: string,
  owned: { destroy(): void },
  setup: () => Promise<T> | T,
): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T;
  try {
    result = await setup();
  } catch (e) {
    await device
      .popErrorScope()
      .then(() => device.popErrorScope())
      .catch(() => undefined);
    owned.destroy();
    throw e;
  }
  const validation = await device.popErrorScope();
  const memory = await device.popErrorScope();
  const error = validation ?? memory;
  if (error) {
    owned.destroy();
    throw new Error(`${label}: the GPU refused to set up the kernel (${error.message})`);
  }
  return result;
}
