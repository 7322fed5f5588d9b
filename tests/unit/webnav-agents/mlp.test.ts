// The hand-written backprop of the Q-network against finite differences, and that Adam fits a function.
import { describe, expect, test } from 'vitest';
import { Mlp } from '../../../src/webnav/agent/mlp';
import { Rng } from '../../../src/util/random';

function loss(net: Mlp, x: Float32Array, n: number, y: Float32Array): number {
  const q = net.forward(x, n);
  let s = 0;
  for (let r = 0; r < n; r++) {
    const e = Math.abs(q[r] - y[r]);
    s += e <= 1 ? 0.5 * e * e : e - 0.5;
  }
  return s / n;
}

describe('Mlp', () => {
  test('backprop matches finite differences for every layer', () => {
    const rng = new Rng(3);
    const net = new Mlp([5, 7, 6, 1], rng);
    const n = 4;
    const x = Float32Array.from({ length: n * 5 }, () => rng.next() * 2 - 1);
    const y = Float32Array.from({ length: n }, () => rng.next() * 3 - 1.5);
    const { gW, gB } = net.gradients(x, n, y);
    const numeric = (p: Float32Array, i: number) => {
      const h = 1e-3;
      const old = p[i];
      p[i] = old + h;
      const up = loss(net, x, n, y);
      p[i] = old - h;
      const down = loss(net, x, n, y);
      p[i] = old;
      return (up - down) / (2 * h);
    };
    for (let l = 0; l < net.w.length; l++) {
      for (const i of [0, Math.floor(net.w[l].length / 2), net.w[l].length - 1]) expect(gW[l][i]).toBeCloseTo(numeric(net.w[l], i), 3);
      expect(gB[l][0]).toBeCloseTo(numeric(net.b[l], 0), 3);
    }
  });

  test('fits y = 2·x0 − x1 with Adam', () => {
    const rng = new Rng(5);
    const net = new Mlp([2, 16, 1], rng);
    const n = 64;
    const x = Float32Array.from({ length: n * 2 }, () => rng.next());
    const y = Float32Array.from({ length: n }, (_, r) => 2 * x[2 * r] - x[2 * r + 1]);
    const first = loss(net, x, n, y);
    for (let k = 0; k < 400; k++) net.train(x, n, y, 1e-2);
    expect(loss(net, x, n, y)).toBeLessThan(first / 20);
  });
});
