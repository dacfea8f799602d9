import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The parts of a TensorFlow.js `model.json` this loader reads. */
interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: unknown;
}

/**
 * An IOHandler that reads a TensorFlow.js graph model (`model.json` plus the weight shards
 * it lists) straight from disk. Unlike `file://` URLs it works on every backend (cpu, wasm,
 * native), because it needs nothing from tfjs-node. Shards are checked against the sizes the
 * manifest implies, so a truncated download fails with the file's name.
 */
export function fileSystemGraphModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      let text: string;
      try {
        text = await fs.readFile(modelJsonPath, 'utf8');
      } catch (error) {
        throw new Error(`cannot read graph model ${modelJsonPath}: ${(error as Error).message}`);
      }
      let modelJson: ModelJson;
      try {
        modelJson = JSON.parse(text) as ModelJson;
      } catch (error) {
        throw new Error(`${modelJsonPath} is not valid JSON: ${(error as Error).message}`);
      }
      if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
        throw new Error(
          `${modelJsonPath} is not a TensorFlow.js graph model (needs modelTopology and weightsManifest)`,
        );
      }
      const directory = path.dirname(modelJsonPath);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of modelJson.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const shard of group.paths) {
          const shardPath = path.join(directory, shard);
          try {
            buffers.push(await fs.readFile(shardPath));
          } catch (error) {
            throw new Error(
              `cannot read weight shard ${shardPath} listed in ${modelJsonPath}: ${(error as Error).message}`,
            );
          }
        }
      }
      const weightData = concatenate(buffers);
      const expectedBytes = weightSpecs.reduce((sum, spec) => sum + weightByteLength(spec), 0);
      if (weightData.byteLength !== expectedBytes) {
        throw new Error(
          `weight shards of ${modelJsonPath} hold ${weightData.byteLength} bytes but the manifest needs ${expectedBytes}; re-install the model package`,
        );
      }
      return {
        modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs,
        weightData,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy ?? undefined,
        signature: modelJson.signature as tf.io.ModelArtifacts['signature'],
        userDefinedMetadata: modelJson.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
        modelInitializer: modelJson.modelInitializer as tf.io.ModelArtifacts['modelInitializer'],
      };
    },
  };
}

/** Loads a graph model from a `model.json` on disk (see {@link fileSystemGraphModelHandler}). */
export async function loadGraphModelFromFiles(modelJsonPath: string): Promise<tf.GraphModel> {
  return tf.loadGraphModel(fileSystemGraphModelHandler(modelJsonPath));
}

function concatenate(buffers: Buffer[]): ArrayBuffer {
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const result = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    result.set(buffer, offset);
    offset += buffer.byteLength;
  }
  return result.buffer;
}

const bytesPerElement: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  int16: 2,
  int8: 1,
  complex64: 8,
};

/** Bytes one manifest entry takes in the shards (quantised entries use their stored dtype). */
function weightByteLength(spec: tf.io.WeightsManifestEntry): number {
  const elements = spec.shape.reduce((product, size) => product * size, 1);
  if (spec.quantization) return elements * (bytesPerElement[spec.quantization.dtype] ?? 4);
  if (spec.dtype === 'string') throw new Error(`string weights (${spec.name}) are not supported by this loader`);
  return elements * (bytesPerElement[spec.dtype] ?? 4);
}
