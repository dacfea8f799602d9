import type { FloatMatrix } from './tfidf';

/** Options of {@link concatFeatures}. */
export interface ConcatOptions {
  /** One factor per block, multiplied into its values (default 1 each): balances blocks of different norms. */
  scales?: number[];
}

/**
 * Row-wise concatenation of feature blocks with the same rows (e.g. TF-IDF and sentence
 * embeddings of the same documents): row i = [scale_0 * a_i, scale_1 * b_i, ...].
 */
export function concatFeatures(blocks: readonly FloatMatrix[], options: ConcatOptions = {}): FloatMatrix {
  if (blocks.length === 0) throw new Error('concatFeatures: no block given');
  const scales = options.scales ?? blocks.map(() => 1);
  if (scales.length !== blocks.length)
    throw new Error(`concatFeatures: ${blocks.length} blocks but ${scales.length} scales`);
  const rows = blocks[0].rows;
  blocks.forEach((block, position) => {
    if (block.rows !== rows)
      throw new Error(`concatFeatures: block ${position} has ${block.rows} rows, block 0 has ${rows}`);
    if (block.data.length !== block.rows * block.columns)
      throw new Error(
        `concatFeatures: block ${position} has ${block.data.length} values, expected ${block.rows} x ${block.columns}`,
      );
    if (!Number.isFinite(scales[position]))
      throw new Error(`concatFeatures: scale ${position} is ${scales[position]}, expected a finite number`);
  });
  const columns = blocks.reduce((sum, block) => sum + block.columns, 0);
  const data = new Float32Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    let offset = row * columns;
    blocks.forEach((block, position) => {
      const source = block.data.subarray(row * block.columns, (row + 1) * block.columns);
      const scale = scales[position];
      if (scale === 1) data.set(source, offset);
      else for (let column = 0; column < block.columns; column++) data[offset + column] = source[column] * scale;
      offset += block.columns;
    });
  }
  return { data, rows, columns };
}
