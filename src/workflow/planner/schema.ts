/**
 * A JSON schema for a program's JSON form (src/workflow/lang/json.ts) over a registry, for endpoints with structured
 * output (`response_format: { type: 'json_schema' }`): each node is one of the functions, with its parameters typed
 * (ranges, whole numbers, choices, required ones), and edges name real port names. What a schema cannot say (ids that
 * exist, matching port types, no cycles) the checker still checks, and the planner repairs.
 *
 * Example:
 *   programSchema(getRegistry()).properties.nodes.items.anyOf.length // one entry per function
 */
import type { ParamSpec, Registry } from '../lang/types';

function paramSchema(p: ParamSpec): object {
  const doc = p.doc ? { description: p.doc } : {};
  switch (p.type) {
    case 'number':
      return {
        type: p.integer ? 'integer' : 'number',
        ...(p.min !== undefined ? { minimum: p.min } : {}),
        ...(p.max !== undefined ? { maximum: p.max } : {}),
        ...doc,
      };
    case 'choice':
      return { type: 'string', enum: p.choices, ...doc };
    default:
      return { type: p.type, ...doc };
  }
}

const ID = { type: 'string', pattern: '^[a-z][a-z0-9_]*$' };

export function programSchema(registry: Registry) {
  const sigs = [...registry.values()];
  const outPorts = [...new Set(sigs.flatMap((s) => s.outputs.map((p) => p.name)))];
  const inPorts = [...new Set(sigs.flatMap((s) => s.inputs.map((p) => p.name)))];
  const portRef = (ports: string[]) => ({
    type: 'object',
    additionalProperties: false,
    required: ['node', 'port'],
    properties: { node: ID, port: { type: 'string', enum: ports } },
  });
  return {
    type: 'object',
    additionalProperties: false,
    required: ['version', 'nodes', 'edges'],
    properties: {
      version: { type: 'integer', enum: [1] },
      nodes: {
        type: 'array',
        minItems: 1,
        items: {
          anyOf: sigs.map((s) => ({
            type: 'object',
            additionalProperties: false,
            required: ['id', 'fn', 'params'],
            properties: {
              id: ID,
              fn: { type: 'string', enum: [s.name] },
              params: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(s.params.map((p) => [p.name, paramSchema(p)])),
                required: s.params.filter((p) => p.required && p.default === undefined).map((p) => p.name),
              },
            },
          })),
        },
      },
      edges: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { from: portRef(outPorts), to: portRef(inPorts) },
        },
      },
    },
  };
}
