/** Levenshtein distance (insertions, deletions, substitutions each cost 1), case-insensitive. */
export function editDistance(first: string, second: string): number {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let row = 1; row <= a.length; row++) {
    const current = [row];
    for (let column = 1; column <= b.length; column++) {
      const substitution = previous[column - 1] + (a[row - 1] === b[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column] + 1, current[column - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely misspelling:
 * at most max(2, a third of the word's length) edits, or one contains the other
 * ("temp" -> "temperature"). Ties go to the earlier candidate.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const lower = word.toLowerCase();
  const contains =
    word.length >= 3 &&
    candidates.find((candidate) => candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
  if (bestDistance <= Math.max(2, Math.floor(word.length / 3))) return best;
  return contains || undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}
