/**
 * The attention feature's public surface for other features: the kernels and their types (src/attention/core,
 * documented there). The bench, the tab and the GPU worker methods are reached by their hosts directly.
 */
export * from './core';
