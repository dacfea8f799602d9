import type * as tf from '@tensorflow/tfjs';

/** Number of trainable parameters (weights and biases) of a model. */
export function countParameters(model: tf.LayersModel): number {
  return model.trainableWeights.reduce(
    (total, weight) => total + weight.shape.reduce((product: number, size) => product * (size ?? 1), 1),
    0,
  );
}

/** One row of {@link describeModel}'s layer table. */
export interface LayerRow {
  name: string;
  /** tfjs class name: Dense, SeededDropout, InputLayer. */
  type: string;
  /** Output shape without the batch dimension, e.g. `[64]`. */
  outputShape: number[];
  /** Activation of a Dense layer (relu, linear), else undefined. */
  activation?: string;
  parameters: number;
}

/** The model's layers as table rows (name, type, output shape, activation, parameters). */
export function describeModel(model: tf.LayersModel): LayerRow[] {
  return model.layers.map((layer) => {
    const shape = layer.outputShape as (number | null)[];
    const config = layer.getConfig();
    return {
      name: layer.name,
      type: layer.getClassName(),
      outputShape: shape.slice(1).map((size) => size ?? -1),
      activation: typeof config.activation === 'string' ? config.activation : undefined,
      parameters: layer.countParams(),
    };
  });
}

/** The layer table as aligned text lines, ending with the total parameter count. */
export function formatModelDescription(model: tf.LayersModel): string {
  const rows = describeModel(model);
  const cells = rows.map((row) => [
    row.name,
    row.type + (row.activation ? `(${row.activation})` : ''),
    `[${row.outputShape.join(', ')}]`,
    row.parameters.toLocaleString('en-US'),
  ]);
  const header = ['layer', 'type', 'output', 'parameters'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell: string[]) =>
    cell.map((text, column) => (column === 3 ? text.padStart(widths[column]) : text.padEnd(widths[column]))).join('  ');
  return [
    line(header),
    ...cells.map(line),
    `total trainable parameters: ${countParameters(model).toLocaleString('en-US')}`,
  ].join('\n');
}
