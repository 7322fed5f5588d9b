/**
 * The web-navigation training worker: trains the DQN arms, synthesises and verifies affordance programs for
 * the tab. Generated programs run one level further down, in `affordance-sandbox.worker.ts` (nested worker).
 * See `src/webnav/agent/worker-api.ts` for the methods and `src/webnav/agent/train-client.ts` for the page side.
 */
import * as Comlink from 'comlink';
import { webnavTrainApi } from '../src/webnav/agent/worker-api';
import { browserSandbox } from '../src/webnav/affordance/sandbox';

Comlink.expose(webnavTrainApi(() => browserSandbox({ timeLimitMs: 500 })));
