/**
 * A small multi-layer perceptron with hand-written backprop and Adam: the Q-function of the DQN agent.
 * Scalar output; ReLU hidden layers; Huber loss. Rows are feature vectors of one candidate action each.
 * Shapes: input x is [n × inputs] row-major; weights w[l] are [out × in] row-major.
 *
 * Example:
 *   const net = new Mlp([4, 16, 1], new Rng(1));
 *   const q = net.forward(new Float32Array([0, 1, 0, 1]), 1);   // Float32Array [q]
 *   net.train(x, n, targets, 1e-3);                              // one Adam step; returns mean Huber loss
 */
import { Rng } from '../../util/random';

export class Mlp {
  readonly w: Float32Array[] = [];
  readonly b: Float32Array[] = [];
  private readonly mW: Float32Array[] = [];
  private readonly vW: Float32Array[] = [];
  private readonly mB: Float32Array[] = [];
  private readonly vB: Float32Array[] = [];
  private adamStep = 0;

  constructor(
    readonly sizes: number[],
    rng: Rng,
  ) {
    if (sizes[sizes.length - 1] !== 1) throw new Error(`Mlp: the last layer must have 1 output, got ${sizes.join('×')}`);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const out = sizes[l + 1];
      const w = new Float32Array(out * fanIn);
      // He initialisation (uniform with the same variance), since hidden layers are ReLU.
      const bound = Math.sqrt(6 / fanIn);
      for (let i = 0; i < w.length; i++) w[i] = (rng.next() * 2 - 1) * bound;
      this.w.push(w);
      this.b.push(new Float32Array(out));
      this.mW.push(new Float32Array(w.length));
      this.vW.push(new Float32Array(w.length));
      this.mB.push(new Float32Array(out));
      this.vB.push(new Float32Array(out));
    }
  }

  get inputs(): number {
    return this.sizes[0];
  }

  /** Activations per layer for n rows: acts[0] = x, acts[L] = outputs (before nothing: the last layer is linear). */
  private forwardAll(x: Float32Array, n: number): Float32Array[] {
    const acts: Float32Array[] = [x];
    for (let l = 0; l < this.w.length; l++) {
      const inN = this.sizes[l];
      const outN = this.sizes[l + 1];
      const last = l === this.w.length - 1;
      const a = acts[l];
      const z = new Float32Array(n * outN);
      const w = this.w[l];
      const b = this.b[l];
      for (let r = 0; r < n; r++) {
        const ar = r * inN;
        for (let o = 0; o < outN; o++) {
          let s = b[o];
          const wo = o * inN;
          for (let i = 0; i < inN; i++) s += w[wo + i] * a[ar + i];
          z[r * outN + o] = last || s > 0 ? s : 0;
        }
      }
      acts.push(z);
    }
    return acts;
  }

  /** Q-values for n rows of x ([n × inputs]). */
  forward(x: Float32Array, n: number): Float32Array {
    if (x.length < n * this.inputs) throw new Error(`Mlp.forward: ${x.length} values for ${n} rows of ${this.inputs}`);
    const acts = this.forwardAll(x, n);
    return acts[acts.length - 1];
  }

  /** One Adam step towards `targets` (Huber loss, δ = 1); returns the mean loss before the step. */
  train(x: Float32Array, n: number, targets: Float32Array, lr: number): number {
    const { loss, gW, gB } = this.gradients(x, n, targets);
    this.adam(gW, gB, lr);
    return loss;
  }

  /** Mean Huber loss and its gradients with respect to every weight and bias (backprop). */
  gradients(x: Float32Array, n: number, targets: Float32Array): { loss: number; gW: Float32Array[]; gB: Float32Array[] } {
    const acts = this.forwardAll(x, n);
    const L = this.w.length;
    const out = acts[L];
    // dLoss/dOutput (Huber): clipped error, averaged over the batch.
    let grad = new Float32Array(n);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const e = out[r] - targets[r];
      const ae = Math.abs(e);
      loss += ae <= 1 ? 0.5 * e * e : ae - 0.5;
      grad[r] = Math.max(-1, Math.min(1, e)) / n;
    }
    const gW: Float32Array[] = [];
    const gB: Float32Array[] = [];
    for (let l = L - 1; l >= 0; l--) {
      const inN = this.sizes[l];
      const outN = this.sizes[l + 1];
      const a = acts[l];
      const w = this.w[l];
      const gw = new Float32Array(w.length);
      const gb = new Float32Array(outN);
      const gradIn = l > 0 ? new Float32Array(n * inN) : undefined;
      for (let r = 0; r < n; r++) {
        for (let o = 0; o < outN; o++) {
          const g = grad[r * outN + o];
          if (g === 0) continue;
          gb[o] += g;
          const wo = o * inN;
          const ar = r * inN;
          for (let i = 0; i < inN; i++) {
            gw[wo + i] += g * a[ar + i];
            if (gradIn) gradIn[ar + i] += g * w[wo + i];
          }
        }
      }
      if (gradIn) {
        // Through the ReLU of layer l's output (acts[l] > 0 where the unit was active).
        for (let i = 0; i < gradIn.length; i++) if (a[i] <= 0) gradIn[i] = 0;
        grad = gradIn;
      }
      gW[l] = gw;
      gB[l] = gb;
    }
    return { loss: loss / n, gW, gB };
  }

  private adam(gW: Float32Array[], gB: Float32Array[], lr: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-8;
    this.adamStep++;
    const c1 = 1 - b1 ** this.adamStep;
    const c2 = 1 - b2 ** this.adamStep;
    const update = (p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array) => {
      for (let i = 0; i < p.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    };
    for (let l = 0; l < this.w.length; l++) {
      update(this.w[l], gW[l], this.mW[l], this.vW[l]);
      update(this.b[l], gB[l], this.mB[l], this.vB[l]);
    }
  }

  /** Copies weights (not optimiser state) from a network of the same shape: the DQN target network sync. */
  copyFrom(other: Mlp): void {
    for (let l = 0; l < this.w.length; l++) {
      this.w[l].set(other.w[l]);
      this.b[l].set(other.b[l]);
    }
  }
}
