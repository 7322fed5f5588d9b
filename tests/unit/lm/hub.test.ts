// Hub download against a local HTTP server with the hub's URL layout ({id}/resolve/main/{file}) and Range support:
// a connection cut mid-file resumes from the bytes received, a second download comes from the cache, cancel stops,
// a missing file and a refused config are clear errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { downloadModel, type CacheLike, type DownloadProgress } from '../../../src/lm/hub';
import { tinyCheckpoint } from '../../../src/lm/tiny';
import { writeSafetensors } from '../../../src/lm/safetensors';

const ck = tinyCheckpoint('llama', {
  vocab: 50,
  hidden: 64,
  layers: 2,
  heads: 2,
  kvHeads: 1,
  intermediate: 128,
  maxPositions: 64,
  seed: 3,
});
const FILES: Record<string, Uint8Array> = {
  'config.json': new TextEncoder().encode(JSON.stringify(ck.config)),
  'model.safetensors': writeSafetensors(ck.tensors),
};
const requests: { file: string; range?: string }[] = [];
let cutNext = false;
let server: http.Server;
let host: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const m = /^\/org\/tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const body = m ? FILES[m[1]] : undefined;
    requests.push({ file: m?.[1] ?? req.url ?? '', range: req.headers.range });
    if (!body) return void res.writeHead(404, { connection: 'close' }).end();
    const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const part = body.subarray(start);
    // connection: close — no pooled socket outlives a cut one (undici would reuse a dead keep-alive socket).
    res.writeHead(start ? 206 : 200, { 'content-length': part.byteLength, 'accept-ranges': 'bytes', connection: 'close' });
    if (cutNext && m![1] === 'model.safetensors') {
      cutNext = false;
      res.end(part.subarray(0, 20_000), () => req.socket.destroy()); // fewer bytes than content-length, then the socket closes: a cut
      return;
    }
    res.end(part);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

function memoryCache(): CacheLike & { urls: string[] } {
  const store = new Map<string, ArrayBuffer>();
  return {
    urls: [],
    async match(url) {
      const b = store.get(url);
      return b ? new Response(b.slice(0)) : undefined;
    },
    async put(url, res) {
      this.urls.push(url);
      store.set(url, await res.arrayBuffer());
    },
  };
}

it('resumes a cut download with a Range request, reports progress to 1, then serves from the cache', async () => {
  cutNext = true;
  requests.length = 0;
  const cache = memoryCache();
  const progress: DownloadProgress[] = [];
  const files = await downloadModel('org/tiny', { host, cache, onProgress: (p) => progress.push(p) });
  expect(new Uint8Array(files['model.safetensors'] as Uint8Array)).toEqual(FILES['model.safetensors']);
  const weights = requests.filter((r) => r.file === 'model.safetensors');
  expect(weights).toHaveLength(2);
  expect(weights[1].range).toMatch(/^bytes=\d+-$/);
  expect(Number(/\d+/.exec(weights[1].range!)![0])).toBeGreaterThanOrEqual(20_000);
  expect(progress.at(-1)!.fraction).toBeCloseTo(1, 6);
  for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction - 1e-12);
  // optional tokenizer files were asked for and absent (404): not an error
  expect(requests.some((r) => r.file === 'tokenizer.json')).toBe(true);

  requests.length = 0;
  const again = await downloadModel('org/tiny', { host, cache });
  expect(new Uint8Array(again['model.safetensors'] as Uint8Array)).toEqual(FILES['model.safetensors']);
  expect(requests.filter((r) => r.file === 'model.safetensors' || r.file === 'config.json')).toHaveLength(0);
});

it('without automatic retries a cut download fails with the bytes kept, and the next call resumes', async () => {
  cutNext = true;
  requests.length = 0;
  await expect(downloadModel('org/tiny', { host, retries: 0 })).rejects.toThrow(
    /model.safetensors: download failed .*; \d+ bytes kept, retry resumes from there/,
  );
  const files = await downloadModel('org/tiny', { host, retries: 0 });
  expect(new Uint8Array(files['model.safetensors'] as Uint8Array)).toEqual(FILES['model.safetensors']);
  expect(requests.filter((r) => r.file === 'model.safetensors').at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
});

it('cancel, a missing model and a refused config are clear errors', async () => {
  const ac = new AbortController();
  ac.abort();
  await expect(downloadModel('org/tiny', { host, signal: ac.signal })).rejects.toThrow(/download cancelled/);
  await expect(downloadModel('org/none', { host })).rejects.toThrow(
    `org/none: config.json not found at ${host}/org/none/resolve/main/config.json`,
  );
  await expect(downloadModel('bad id!', { host })).rejects.toThrow('expected "owner/name"');
  await expect(
    downloadModel('org/tiny', {
      host,
      beforeWeights: () => {
        throw new Error('model too large for this GPU');
      },
    }),
  ).rejects.toThrow('model too large');
});

it('above the download limit it asks first, naming the size and the cache; allowed or cached, it does not ask', async () => {
  const cache = memoryCache();
  const size = FILES['model.safetensors'].byteLength;
  const refused = await downloadModel('org/tiny', { host, cache, confirmAboveBytes: size - 1 }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ name: 'DownloadError', kind: 'confirm' });
  expect((refused as Error).message).toMatch(
    new RegExp(
      `^org/tiny \\(safetensors\\): ${(size / 1e6).toFixed(1)} MB to download into Cache Storage 'lm-models', above your limit of`,
    ),
  );
  expect(cache.urls.some((u) => u.endsWith('model.safetensors'))).toBe(false);
  // The same shape as every model download's question, so the Workflows tab's "allow" finds the model id.
  expect(/^(\S+) \([^)]*\): .* above your limit/.exec((refused as Error).message)?.[1]).toBe('org/tiny');
  // At the limit (the user raised it, or allowed this one): downloaded and cached.
  await downloadModel('org/tiny', { host, cache, confirmAboveBytes: size });
  expect(cache.urls.some((u) => u.endsWith('model.safetensors'))).toBe(true);
  // Already cached: nothing to download, so nothing to ask.
  const again = await downloadModel('org/tiny', { host, cache, confirmAboveBytes: 0 });
  expect(new Uint8Array(again['model.safetensors'] as Uint8Array)).toEqual(FILES['model.safetensors']);
});
