/**
 * The bag-of-words tokenizer of the TF-IDF features: lower case, then every maximal run of
 * a-z and 0-9 is a token (the alphabet src/data/textCleaning.ts leaves), keeping tokens of at
 * least `minimumLength` characters. With the default 2 this equals scikit-learn's default
 * `token_pattern=r"(?u)\b\w\w+\b"` on cleaned text (only a-z, 0-9 and spaces).
 */
export function tokenize(text: string, minimumLength = 2): string[] {
  if (typeof text !== 'string') throw new Error(`tokenize: expected a string, got ${typeof text}`);
  const tokens = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return minimumLength <= 1 ? tokens : tokens.filter((token) => token.length >= minimumLength);
}

/** Term counts of one text (insertion order = first occurrence). */
export function termCounts(text: string, minimumLength = 2): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text, minimumLength)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
