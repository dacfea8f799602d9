import type { Encoder } from './encoder';

/**
 * A cheap, deterministic bag-of-words encoder by signed feature hashing (Weinberger et al.
 * 2009, "Feature hashing for large scale multitask learning"): each lower-cased word adds
 * +-1 to one of `dimension` buckets chosen by a 32-bit FNV-1a hash, and the vector is
 * L2-normalised (an empty text gives zeros). Texts that share words get higher cosine
 * similarity. Useful as a fast baseline and for tests of the caching and training code;
 * it has no learned semantics.
 */
export class HashingEncoder implements Encoder {
  readonly id: string;

  constructor(readonly dimension = 256) {
    if (!Number.isInteger(dimension) || dimension < 1)
      throw new Error(`HashingEncoder dimension must be a positive integer, got ${dimension}`);
    this.id = `hashing-bow:${dimension}`;
  }

  async encode(texts: string[]): Promise<Float32Array> {
    const output = new Float32Array(texts.length * this.dimension);
    texts.forEach((text, row) => {
      if (typeof text !== 'string') throw new Error(`text ${row} is not a string (${typeof text})`);
      const vector = output.subarray(row * this.dimension, (row + 1) * this.dimension);
      for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
        const hash = fnv1a(word);
        vector[(hash >>> 1) % this.dimension] += hash & 1 ? 1 : -1;
      }
      let norm = 0;
      for (const value of vector) norm += value * value;
      if (norm > 0) {
        const scale = 1 / Math.sqrt(norm);
        for (let index = 0; index < vector.length; index++) vector[index] *= scale;
      }
    });
    return output;
  }

  dispose(): void {
    // Nothing to free.
  }
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
