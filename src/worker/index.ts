/**
 * The app's worker protocol (core): results as `Outcome<T>` so errors keep their fields across comlink,
 * and `workerClient()`, the one page-side handle on a comlink worker (crash handling included).
 */
export { outcome, toWorkerError, type Outcome, type WorkerError } from './outcome';
export { workerClient, WorkerCrashError, Comlink, type WorkerClient, type WorkerClientOptions, type WorkerLike } from './client';
