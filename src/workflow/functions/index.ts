/**
 * The signatures of every workflow function (name, ports, parameters, docs, example): all the page, the
 * checker and the planner need. Plain data from signatures.json, generated from the implementations
 * (./implementations.ts) by `npm run gen:signatures`; a unit test keeps the two in step. Running a
 * function happens in the workflow worker, which imports the implementations.
 *
 * Example:
 *   import { getRegistry } from '../functions';
 *   analyse(program, getRegistry());               // check a program on the page
 *   getRegistry().get('Cartoonize')?.params[0];   // { name: 'levels', type: 'number', … }
 */
import type { FunctionSignature, Registry } from '../lang/types';
import signatures from './signatures.json';

const registry: Registry = new Map((signatures as FunctionSignature[]).map((s) => [s.name, s]));

/** Every function's signature by name (a `Registry` for the checker and the planner). */
export function getRegistry(): Registry {
  return registry;
}

export { UNSUPPORTED_MODALITIES, type UnsupportedModality } from './unsupported';
