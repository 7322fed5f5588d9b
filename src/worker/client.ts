/**
 * The one way the app talks to a comlink worker: started on first use, and on a crash (a load error, an
 * uncaught exception, out of memory) every pending call rejects with an error named `WorkerCrashError`, crash listeners
 * hear about it, and the next call starts a fresh worker. Without this, a call into a dead worker would
 * wait forever.
 *
 * `start` must contain the `new Worker(new URL('…', import.meta.url), …)` expression itself: that literal
 * is how Vite finds and bundles the worker.
 *
 * Example:
 *   const ortWorker = workerClient<OrtWorkerApi>(
 *     () => new Worker(new URL('../../workers/ort-peer.worker.ts', import.meta.url), { type: 'module', name: 'ort' }),
 *   );
 *   const r = await ortWorker().runPeer(...);           // rejects with WorkerCrashError if the worker dies
 *   ortWorker.onCrash((message) => (banner = message)); // returns an unsubscribe function
 */
import * as Comlink from 'comlink';

export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

/** What `workerClient` needs of a worker: the DOM `Worker` has it (tests pass a stand-in). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: string, listener: (ev: Event) => void): void;
  removeEventListener(type: string, listener: (ev: Event) => void): void;
  terminate(): void;
}

export interface WorkerClient<T> {
  /** The worker's remote, starting the worker now if none is running. */
  (): Comlink.Remote<T>;
  /** Told (with a message) when the worker dies; returns an unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void;
  /** Stops the worker; pending calls reject, the next call starts a fresh one. */
  terminate(): void;
}

export interface WorkerClientOptions<T> {
  /** Human name for messages, e.g. 'GPU worker'. */
  name?: string;
  /** Runs once per started worker, e.g. to send it the page's base URL. */
  onStart?: (remote: Comlink.Remote<T>) => void;
}

type MessageListener = (ev: Event) => void;

export function workerClient<T>(start: () => WorkerLike, opts: WorkerClientOptions<T> = {}): WorkerClient<T> {
  const name = opts.name ?? 'worker';
  const crashListeners = new Set<(message: string) => void>();
  let current: { remote: Comlink.Remote<T>; stop: (message?: string) => void } | undefined;

  function launch() {
    const worker = start();
    // Comlink gives every call an id and waits for a reply with that id: track them, so a crash can answer.
    const pending = new Set<string>();
    const listeners = new Set<MessageListener>();
    const endpoint: Comlink.Endpoint = {
      postMessage(message: unknown, transfer?: Transferable[]) {
        const id = (message as { id?: unknown } | null)?.id;
        if (typeof id === 'string') pending.add(id);
        worker.postMessage(message, transfer ?? []);
      },
      addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
        const fn: MessageListener = typeof listener === 'function' ? listener : (ev) => listener.handleEvent(ev);
        if (type === 'message') listeners.add(fn);
        worker.addEventListener(type, fn);
      },
      removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
        if (typeof listener === 'function') {
          listeners.delete(listener);
          worker.removeEventListener(type, listener);
        }
      },
    };
    worker.addEventListener('message', (ev) => {
      const id = ((ev as MessageEvent).data as { id?: unknown } | null)?.id;
      if (typeof id === 'string') pending.delete(id);
    });

    const stop = (message?: string) => {
      worker.terminate();
      if (current?.remote === remote) current = undefined;
      if (message === undefined) message = `the ${name} was stopped`;
      // Answer each pending call the way comlink's own "throw" handler does, so it rejects with this error.
      for (const id of pending) {
        const data = { id, type: 'HANDLER', name: 'throw', value: { isError: true, value: { name: 'WorkerCrashError', message } } };
        for (const l of listeners) l({ data } as unknown as Event);
      }
      pending.clear();
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const detail = (ev as ErrorEvent).message || 'it failed to load or ran out of memory';
      const message = `the ${name} stopped: ${detail}`;
      stop(message);
      for (const l of crashListeners) l(message);
    });
    worker.addEventListener('messageerror', () => {
      // A reply that cannot be deserialised leaves its caller waiting: treat it as a crash.
      const message = `the ${name} sent a message that could not be read`;
      stop(message);
      for (const l of crashListeners) l(message);
    });

    const remote = Comlink.wrap<T>(endpoint);
    current = { remote, stop };
    opts.onStart?.(remote);
    return current;
  }

  const client = (() => (current ?? launch()).remote) as WorkerClient<T>;
  client.onCrash = (listener) => {
    crashListeners.add(listener);
    return () => crashListeners.delete(listener);
  };
  client.terminate = () => current?.stop();
  return client;
}

export { Comlink };
