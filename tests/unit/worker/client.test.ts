// workerClient() with real comlink over a real MessageChannel: calls work, a crash rejects every pending call
// with a clear error and tells the crash listeners, and the next call starts a fresh worker.
import { expect, test } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { workerClient, type WorkerLike } from '../../../src/worker/client';

const api = {
  twice: (x: number) => 2 * x,
  never: () => new Promise<number>(() => {}),
};

/** A stand-in for a DOM Worker: the "worker" side exposes `api` on the other end of a channel. */
class FakeWorker extends EventTarget implements WorkerLike {
  private readonly port: MessagePort;
  terminated = false;
  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    this.port = port1;
    port1.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
  }
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.port.postMessage(message, transfer as never);
  }
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
  crash(message: string): void {
    const ev = new Event('error', { cancelable: true });
    Object.defineProperty(ev, 'message', { value: message });
    this.dispatchEvent(ev);
  }
}

test('calls go through; a crash rejects pending calls, is reported, and the next call starts a fresh worker', async () => {
  const started: FakeWorker[] = [];
  const client = workerClient<typeof api>(
    () => {
      const w = new FakeWorker();
      started.push(w);
      return w;
    },
    { name: 'test worker' },
  );
  const crashes: string[] = [];
  client.onCrash((m) => crashes.push(m));

  expect(await client().twice(21)).toBe(42);
  expect(started).toHaveLength(1);

  const waiting = client().never();
  await new Promise((r) => setTimeout(r, 20));
  started[0].crash('out of memory');
  await expect(waiting).rejects.toMatchObject({ name: 'WorkerCrashError', message: 'the test worker stopped: out of memory' });
  expect(crashes).toEqual(['the test worker stopped: out of memory']);
  expect(started[0].terminated).toBe(true);

  expect(await client().twice(4)).toBe(8);
  expect(started).toHaveLength(2);
  client.terminate();
  expect(started[1].terminated).toBe(true);
});
