// The topology JSON that crosses the sandbox boundary (tfjs `model.toJSON()`), as a schema.
// It comes from student code, so it is parsed as hostile data: bounded sizes, known shapes.

import { z } from 'zod';

/** The most bytes of topology JSON the harness accepts from the sandbox. */
export const MAX_TOPOLOGY_BYTES = 4 * 1024 * 1024;
/** The most layers a lab model may have (ResNet-152 has about 500 in Keras form). */
export const MAX_LAYERS = 2000;

const layerName = z.string().min(1).max(200);

/** One node reference in Keras' `inbound_nodes`: [layerName, nodeIndex, tensorIndex, kwargs?]. */
const inboundRef = z.tuple([layerName, z.number().int().min(0), z.number().int().min(0)]).rest(z.unknown());

const layerJson = z.object({
  class_name: z.string().min(1).max(100),
  config: z.record(z.string(), z.unknown()),
  name: layerName.optional(),
  inbound_nodes: z.array(z.array(inboundRef)).optional(),
});

const sequentialJson = z.object({
  class_name: z.literal('Sequential'),
  config: z.object({ name: z.string().max(200).optional(), layers: z.array(layerJson).min(1).max(MAX_LAYERS) }),
});

const endpointRef = z.tuple([layerName, z.number().int().min(0), z.number().int().min(0)]);

const functionalJson = z.object({
  class_name: z.enum(['Model', 'Functional']),
  config: z.object({
    name: z.string().max(200).optional(),
    layers: z.array(layerJson.extend({ name: layerName, inbound_nodes: z.array(z.array(inboundRef)) })).min(1).max(MAX_LAYERS),
    input_layers: z.array(endpointRef).min(1),
    output_layers: z.array(endpointRef).min(1),
  }),
});

export const modelTopologySchema = z.union([sequentialJson, functionalJson]);

export type LayerJson = z.infer<typeof layerJson>;
export type ModelTopology = z.infer<typeof modelTopologySchema>;

/** Parses the sandbox's answer; the error says what is wrong in a line a student can act on. */
export function parseTopology(text: string): { ok: true; topology: ModelTopology } | { ok: false; message: string } {
  if (text.length > MAX_TOPOLOGY_BYTES) {
    return { ok: false, message: `the model's topology is ${text.length} bytes, more than the limit of ${MAX_TOPOLOGY_BYTES}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the builder did not return a tfjs model (its topology is not JSON)' };
  }
  const parsed = modelTopologySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, message: `the model's topology is not a Sequential or functional tfjs model${where}: ${issue.message}` };
  }
  return { ok: true, topology: parsed.data };
}
