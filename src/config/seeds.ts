/**
 * Training seeds: integers 0 ... 2^32 - 1. The random generators take a seed modulo 2^32,
 * so 1 and 4294967297 (or -3 and 4294967293) would train identical models and report a
 * spread of 0 with meaningless paired tests; such seeds are refused where they enter.
 */
export const maximumSeed = 2 ** 32 - 1;

/** The problem with one seed given as text (`--seeds` item), or undefined when it is a valid seed. */
export function seedTextProblem(text: string): string | undefined {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) return `"${text}" is not an integer`;
  const value = Number(text);
  if (value < 0 || value > maximumSeed)
    return `"${text}" is outside 0 ... ${maximumSeed} (seeds are taken modulo 2^32, so it would repeat another seed)`;
  return undefined;
}
