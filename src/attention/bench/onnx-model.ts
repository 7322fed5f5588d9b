/**
 * Builds the tiny ONNX models the onnxruntime-web peer runs, by code: the few ONNX message types needed
 * are declared to protobufjs by reflection (field numbers from onnx/onnx.proto), so no .onnx file is shipped.
 *
 * Two models of the same attention:
 *  - `multiHeadAttentionModel`: one com.microsoft MultiHeadAttention node; inputs query [B,Sq,H·D],
 *    key/value [B,Skv,H·D] (ORT's MHA has no grouped-query heads: K/V are repeated to H heads by the
 *    caller); causal masking as an additive attention_bias [1,1,Sq,Skv] initializer.
 *  - `matMulSoftmaxModel`: the plain graph Transpose → MatMul → Mul(scale) → [Add(mask)] → Softmax → MatMul
 *    on [B,H,S,D] tensors, the "materialise the scores" baseline.
 *
 * Example:
 *   const bytes = multiHeadAttentionModel({ B: 1, H: 4, KVH: 4, Sq: 128, Skv: 128, D: 64, causal: false });
 *   const session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'] });
 */
import protobuf from 'protobufjs/light';
import type { BenchShape } from './shape';

const DataType = { FLOAT: 1, INT64: 7 } as const;
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** The subset of onnx.proto (IR version 8) the two models use. */
const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            domain: { type: 'string', id: 7 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: {
          fields: { tensorType: { type: 'TensorTypeProto', id: 1 } },
        },
        // TypeProto.Tensor in onnx.proto; only its field numbers matter on the wire.
        TensorTypeProto: {
          fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
        },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dimValue: { type: 'int64', id: 1 } } },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4 },
            name: { type: 'string', id: 8 },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(ONNX_SCHEMA);
export const ModelProto = root.lookupType('onnx.ModelProto');

interface Node {
  opType: string;
  input: string[];
  output: string[];
  domain?: string;
  attribute?: object[];
}

const tensorValue = (name: string, dims: number[]) => ({
  name,
  type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});

const floatTensor = (name: string, dims: number[], data: Float32Array | number[]) => ({
  name,
  dims,
  dataType: DataType.FLOAT,
  floatData: Array.from(data),
});

function encodeModel(opts: {
  nodes: Node[];
  inputs: object[];
  outputs: object[];
  initializers?: object[];
  msDomain?: boolean;
}): Uint8Array {
  const model = {
    irVersion: 8,
    producerName: 'webgpu-playground attention bench',
    opsetImport: [{ domain: '', version: 17 }, ...(opts.msDomain ? [{ domain: 'com.microsoft', version: 1 }] : [])],
    graph: {
      name: 'attention',
      node: opts.nodes.map((n, i) => ({ name: `${n.opType}_${i}`, ...n })),
      input: opts.inputs,
      output: opts.outputs,
      initializer: opts.initializers ?? [],
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`ONNX model: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Additive causal mask [Sq, Skv]: 0 where key j ≤ query i + (Skv − Sq) (queries are the last Sq positions), else −1e9. */
export function causalBias(Sq: number, Skv: number): Float32Array {
  const bias = new Float32Array(Sq * Skv);
  const offset = Skv - Sq;
  for (let i = 0; i < Sq; i++) for (let j = 0; j < Skv; j++) if (j > i + offset) bias[i * Skv + j] = -1e9;
  return bias;
}

export function multiHeadAttentionModel(s: BenchShape): Uint8Array {
  const { B, H, Sq, Skv, D } = s;
  const inputs = [tensorValue('query', [B, Sq, H * D]), tensorValue('key', [B, Skv, H * D]), tensorValue('value', [B, Skv, H * D])];
  // MHA inputs: query, key, value, bias, key_padding_mask, attention_bias; '' skips an optional input.
  const nodeInputs = ['query', 'key', 'value'];
  const initializers: object[] = [];
  if (s.causal) {
    nodeInputs.push('', '', 'causal_bias');
    initializers.push(floatTensor('causal_bias', [1, 1, Sq, Skv], causalBias(Sq, Skv)));
  }
  return encodeModel({
    msDomain: true,
    nodes: [
      {
        opType: 'MultiHeadAttention',
        domain: 'com.microsoft',
        input: nodeInputs,
        output: ['output'],
        attribute: [{ name: 'num_heads', type: AttributeType.INT, i: H }],
      },
    ],
    inputs,
    outputs: [tensorValue('output', [B, Sq, H * D])],
    initializers,
  });
}

export function matMulSoftmaxModel(s: BenchShape): Uint8Array {
  const { B, H, Sq, Skv, D } = s;
  const nodes: Node[] = [
    { opType: 'Transpose', input: ['k'], output: ['kt'], attribute: [{ name: 'perm', type: AttributeType.INTS, ints: [0, 1, 3, 2] }] },
    { opType: 'MatMul', input: ['q', 'kt'], output: ['scores'] },
    { opType: 'Mul', input: ['scores', 'scale'], output: ['scaled'] },
  ];
  const initializers: object[] = [floatTensor('scale', [], [1 / Math.sqrt(D)])];
  let logits = 'scaled';
  if (s.causal) {
    nodes.push({ opType: 'Add', input: ['scaled', 'causal_bias'], output: ['masked'] });
    initializers.push(floatTensor('causal_bias', [Sq, Skv], causalBias(Sq, Skv)));
    logits = 'masked';
  }
  nodes.push(
    { opType: 'Softmax', input: [logits], output: ['probs'], attribute: [{ name: 'axis', type: AttributeType.INT, i: -1 }] },
    { opType: 'MatMul', input: ['probs', 'v'], output: ['output'] },
  );
  return encodeModel({
    nodes,
    inputs: [tensorValue('q', [B, H, Sq, D]), tensorValue('k', [B, H, Skv, D]), tensorValue('v', [B, H, Skv, D])],
    outputs: [tensorValue('output', [B, H, Sq, D])],
    initializers,
  });
}
