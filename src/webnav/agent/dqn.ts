/**
 * A DQN-style agent over CANDIDATE actions: Q(s, a) = MLP(features(s, a)), so one network scores any
 * number of candidates (every cell of a click grid, or the few an affordance program returns).
 * Replay buffer, target network, ε-greedy; targets r + γ · max_a' Q_target(s', a') over the next state's
 * candidates. The two arms of the experiment use this class with identical hyper-parameters.
 *
 * Example:
 *   const agent = new DqnAgent(FEATURE_DIM, DEFAULT_DQN, 7);
 *   const i = agent.act(cands, n);                 // index of the chosen candidate (ε-greedy)
 *   agent.remember(cands.subarray(i * D, (i + 1) * D), reward, done, nextCands, nNext);
 *   agent.learn();                                 // one minibatch step when due
 */
import { Rng } from '../../util/random';
import { Mlp } from './mlp';

export interface DqnConfig {
  hidden: number[];
  learningRate: number;
  gamma: number;
  epsilonStart: number;
  epsilonEnd: number;
  /** Steps over which ε decays linearly. */
  epsilonDecaySteps: number;
  batchSize: number;
  replayCapacity: number;
  /** Learn once every this many `learn()` calls (i.e. environment steps). */
  trainEvery: number;
  /** Copy the online network into the target network every this many learning steps. */
  targetSync: number;
  /** No learning before the buffer holds this many transitions. */
  warmup: number;
}

export const DEFAULT_DQN: DqnConfig = {
  hidden: [32],
  learningRate: 3e-3,
  gamma: 0.9,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  epsilonDecaySteps: 500,
  batchSize: 32,
  replayCapacity: 2000,
  trainEvery: 4,
  targetSync: 50,
  warmup: 32,
};

/** Features are stored quantised to bytes (they lie in [0, 1]): the full arm keeps ~340 next candidates per transition. */
function quantise(f: Float32Array): Uint8Array {
  const q = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) q[i] = Math.round(Math.max(0, Math.min(1, f[i])) * 255);
  return q;
}

interface Transition {
  chosen: Uint8Array;
  reward: number;
  done: boolean;
  next: Uint8Array | null;
  nNext: number;
}

export class DqnAgent {
  readonly online: Mlp;
  readonly target: Mlp;
  private readonly rng: Rng;
  private readonly buffer: Transition[] = [];
  private writeAt = 0;
  private calls = 0;
  private learnSteps = 0;
  /** Environment steps seen (drives ε). */
  steps = 0;
  lastLoss = NaN;

  constructor(
    readonly dim: number,
    readonly config: DqnConfig,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.online = new Mlp([dim, ...config.hidden, 1], this.rng);
    this.target = new Mlp([dim, ...config.hidden, 1], this.rng);
    this.target.copyFrom(this.online);
  }

  get epsilon(): number {
    const { epsilonStart: a, epsilonEnd: b, epsilonDecaySteps: n } = this.config;
    return this.steps >= n ? b : a + ((b - a) * this.steps) / n;
  }

  /** Q-values of n candidates ([n × dim]). */
  scores(cands: Float32Array, n: number): Float32Array {
    return this.online.forward(cands, n);
  }

  /** ε-greedy choice among n candidates; `greedy` for evaluation. Ties break at random. */
  act(cands: Float32Array, n: number, greedy = false): number {
    if (n <= 0) throw new Error('DqnAgent.act: no candidate actions');
    if (!greedy) this.steps++;
    if (!greedy && this.rng.next() < this.epsilon) return this.rng.int(0, n);
    const q = this.scores(cands, n);
    let best = -Infinity;
    let ties: number[] = [];
    for (let i = 0; i < n; i++) {
      if (q[i] > best + 1e-6) {
        best = q[i];
        ties = [i];
      } else if (Math.abs(q[i] - best) <= 1e-6) ties.push(i);
    }
    return ties.length === 1 ? ties[0] : ties[this.rng.int(0, ties.length)];
  }

  remember(chosen: Float32Array, reward: number, done: boolean, next: Float32Array | null, nNext: number): void {
    const t: Transition = {
      chosen: quantise(chosen),
      reward,
      done,
      next: done || !next || nNext === 0 ? null : quantise(next.subarray(0, nNext * this.dim)),
      nNext: done ? 0 : nNext,
    };
    if (this.buffer.length < this.config.replayCapacity) this.buffer.push(t);
    else this.buffer[this.writeAt] = t;
    this.writeAt = (this.writeAt + 1) % this.config.replayCapacity;
  }

  /** Call once per environment step; trains on a minibatch every `trainEvery` calls after warm-up. */
  learn(): void {
    this.calls++;
    const c = this.config;
    if (this.buffer.length < c.warmup || this.calls % c.trainEvery !== 0) return;
    const D = this.dim;
    const B = c.batchSize;
    const x = new Float32Array(B * D);
    const y = new Float32Array(B);
    for (let k = 0; k < B; k++) {
      const t = this.buffer[this.rng.int(0, this.buffer.length)];
      for (let i = 0; i < D; i++) x[k * D + i] = t.chosen[i] / 255;
      let target = t.reward;
      if (!t.done && t.next) {
        const nx = new Float32Array(t.nNext * D);
        for (let i = 0; i < nx.length; i++) nx[i] = t.next[i] / 255;
        const q = this.target.forward(nx, t.nNext);
        let m = -Infinity;
        for (let i = 0; i < t.nNext; i++) m = Math.max(m, q[i]);
        target += c.gamma * m;
      }
      y[k] = target;
    }
    this.lastLoss = this.online.train(x, B, y, c.learningRate);
    this.learnSteps++;
    if (this.learnSteps % c.targetSync === 0) this.target.copyFrom(this.online);
  }
}
