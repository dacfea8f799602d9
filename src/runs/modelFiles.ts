import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '../models/seededDropout'; // registers SeededDropout so saved models deserialize
import { pathExists, writeFileAtomic, writeJsonAtomic } from '../util/atomicFile';

/** File names of a saved model inside a run folder. */
export const modelJsonFile = 'model.json';
export const weightsFile = 'weights.bin';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Saves a layers model as tfjs's file format (`model.json` + `weights.bin`) into
 * `directory`, without tfjs-node's file:// handler so that it works on every backend.
 * weights.bin is written first, then model.json (which also records weights.bin's
 * SHA-256), each atomically: a reader never sees a model.json without its weights.
 */
export async function saveModelFiles(model: tf.LayersModel, directory: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.weightSpecs || artifacts.weightData === undefined)
        throw new Error(`saveModelFiles: model "${model.name}" produced no weights`);
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      await writeFileAtomic(path.join(directory, weightsFile), weights);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs }],
        weightsSha256: sha256(weights),
      };
      await writeJsonAtomic(path.join(directory, modelJsonFile), modelJson);
      return {
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength },
      };
    }),
  );
}

const dtypeBytes: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/**
 * An IOHandler that reads `model.json` and its weight files from a folder with
 * node:fs (works on every backend), checking the weights' size and SHA-256.
 */
export function fileSystemModelHandler(directory: string): tf.io.IOHandler {
  return {
    load: async () => {
      const jsonPath = path.join(directory, modelJsonFile);
      if (!(await pathExists(jsonPath))) throw new Error(`no saved model: ${jsonPath} does not exist`);
      let modelJson: tf.io.ModelJSON & { weightsSha256?: string };
      try {
        modelJson = JSON.parse(await fs.readFile(jsonPath, 'utf8'));
      } catch (error) {
        throw new Error(`${jsonPath} is not valid JSON: ${(error as Error).message}`);
      }
      if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest))
        throw new Error(`${jsonPath}: missing modelTopology or weightsManifest`);
      const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
      const parts: Buffer[] = [];
      for (const file of modelJson.weightsManifest.flatMap((group) => group.paths))
        parts.push(await fs.readFile(path.join(directory, file)));
      const bytes = Buffer.concat(parts);
      const expectedBytes = weightSpecs.reduce(
        (total, spec) =>
          total + spec.shape.reduce((product, size) => product * size, 1) * (dtypeBytes[spec.dtype] ?? 4),
        0,
      );
      if (bytes.byteLength !== expectedBytes)
        throw new Error(
          `${path.join(directory, weightsFile)}: ${bytes.byteLength} bytes, ${jsonPath} describes ${expectedBytes}`,
        );
      if (modelJson.weightsSha256 && sha256(bytes) !== modelJson.weightsSha256)
        throw new Error(
          `${path.join(directory, weightsFile)}: SHA-256 does not match ${jsonPath} (corrupted or replaced)`,
        );
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
    },
  };
}

/**
 * Loads the model saved in a run folder (or any folder holding model.json + weights.bin).
 * A missing, corrupt or mismatched model file throws an error naming the file and the fix
 * (retrain with --fresh, or delete the run folder).
 */
export async function loadModelFromRun(runDirectory: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(fileSystemModelHandler(runDirectory));
  } catch (error) {
    const message = (error as Error).message;
    const named = message.includes(runDirectory) ? message : `${path.join(runDirectory, modelJsonFile)}: ${message}`;
    throw new Error(
      `${named}. The saved model of run ${runDirectory} is unusable: rerun with --fresh to retrain it, or delete the folder ${runDirectory}`,
    );
  }
}
