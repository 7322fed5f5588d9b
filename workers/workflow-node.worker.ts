/**
 * A workflow node worker: runs one pure-CPU function at a time for the workflow worker's pool
 * (src/workflow/runtime/node-pool.ts), so independent branches use several cores.
 */
import * as Comlink from 'comlink';
import { nodeWorkerApi } from '../src/workflow/runtime/node-worker-api';

Comlink.expose(nodeWorkerApi());
