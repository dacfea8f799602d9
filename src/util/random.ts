/**
 * A small seeded pseudo-random generator (mulberry32), so that data shuffles and
 * splits are repeatable across machines and Node versions. Not for cryptography.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, upperExclusive). */
  nextInt(upperExclusive: number): number {
    return Math.floor(this.next() * upperExclusive);
  }

  /** Shuffles `values` in place (Fisher-Yates) and returns it. */
  shuffle<T>(values: T[]): T[] {
    for (let index = values.length - 1; index > 0; index--) {
      const other = this.nextInt(index + 1);
      const swap = values[index];
      values[index] = values[other];
      values[other] = swap;
    }
    return values;
  }
}

/** A shuffled array of 0..count-1 for the given seed. */
export function shuffledIndices(count: number, seed: number): number[] {
  return new SeededRandom(seed).shuffle(Array.from({ length: count }, (_, index) => index));
}
