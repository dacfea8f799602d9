/**
 * Paper 1's text cleaning: lower case, every character other than a-z and 0-9 replaced by a
 * space (special characters, punctuation, non-ASCII letters), runs of whitespace collapsed to
 * one space, ends trimmed. Replacing with a space and deleting give the same document counts
 * on 20 Newsgroups; a space keeps "e-mail" as two words.
 */
export function cleanText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Options of {@link cleanDocuments}. */
export interface CleanDocumentsOptions {
  /**
   * Cleaned texts of another subset (e.g. the training set when cleaning the test set);
   * documents equal to one of them are removed as `duplicateOfReference`.
   */
  reference?: Iterable<string>;
  /** Set to false to keep duplicates (empty documents are always removed). */
  deduplicate?: boolean;
}

/** What {@link cleanDocuments} removed, and why. */
export interface CleaningCounts {
  input: number;
  kept: number;
  /** Empty after cleaning. */
  empty: number;
  /** Equal (after cleaning) to an earlier kept document of the same subset. */
  duplicateWithin: number;
  /** Equal (after cleaning) to a document of the reference subset. */
  duplicateOfReference: number;
  /** Of the removed duplicates, how many carried a label other than the document they repeat. */
  duplicateLabelConflicts: number;
}

/** The result of {@link cleanDocuments}. */
export interface CleanedDocuments {
  /** Indices into the input of the documents kept, ascending. */
  keptIndices: number[];
  /** Cleaned texts of the kept documents. */
  texts: string[];
  labels: number[];
  counts: CleaningCounts;
}

/**
 * Cleans every text with {@link cleanText}, then drops empty documents and duplicates (exact
 * equality after cleaning; the first occurrence is kept). Documents equal to a `reference`
 * text are dropped too, so a test set can be made disjoint from its training set.
 */
export function cleanDocuments(
  texts: readonly string[],
  labels: readonly number[],
  options: CleanDocumentsOptions = {},
): CleanedDocuments {
  if (texts.length !== labels.length) {
    throw new Error(`cleanDocuments: ${texts.length} texts but ${labels.length} labels`);
  }
  const deduplicate = options.deduplicate ?? true;
  const reference = new Set(options.reference ?? []);
  const firstLabel = new Map<string, number>();
  const result: CleanedDocuments = {
    keptIndices: [],
    texts: [],
    labels: [],
    counts: {
      input: texts.length,
      kept: 0,
      empty: 0,
      duplicateWithin: 0,
      duplicateOfReference: 0,
      duplicateLabelConflicts: 0,
    },
  };
  texts.forEach((text, index) => {
    const cleaned = cleanText(text);
    const label = labels[index];
    if (cleaned === '') {
      result.counts.empty++;
      return;
    }
    if (deduplicate) {
      const earlier = firstLabel.get(cleaned);
      if (earlier !== undefined) {
        result.counts.duplicateWithin++;
        if (earlier !== label) result.counts.duplicateLabelConflicts++;
        return;
      }
      if (reference.has(cleaned)) {
        result.counts.duplicateOfReference++;
        return;
      }
      firstLabel.set(cleaned, label);
    }
    result.keptIndices.push(index);
    result.texts.push(cleaned);
    result.labels.push(label);
  });
  result.counts.kept = result.keptIndices.length;
  return result;
}
