/**
 * @license
 * Copyright 2019 Google LLC. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * =============================================================================
 *
 * Port of the sentencepiece-style tokenizer of the Universal Sentence Encoder lite
 * (tfjs-models/universal-sentence-encoder/src/tokenizer, as redistributed in
 * @energetic-ai/embeddings 0.2.0). Changes from the original, for speed only:
 * the prefix search walks the trie from a start index instead of copying the rest of
 * the input at every position (the original was quadratic in the text length), the
 * Viterbi search runs forward in one pass without building the lattice, and the best path
 * remembers its start positions instead of re-measuring piece lengths. The chosen pieces
 * are the same (checked on 300 newsgroup posts and on the edge cases in the tests).
 */

/** One vocabulary entry: the piece (with `▁` for a word start) and its log-probability score. */
export type UseVocabulary = Array<[string, number | null]>;

/** The word-start marker sentencepiece puts in place of spaces. */
export const pieceSeparator = '\u2581';

/** How many leading vocabulary entries are control symbols (unknown, <s>, </s>, extras) never produced by matching. */
export const reservedSymbolsCount = 6;

/** The id the tokenizer gives to characters no piece covers. */
export const unknownTokenId = 0;

class TrieNode {
  readonly children = new Map<string, TrieNode>();
  /** Vocabulary index when a piece ends here, else -1. */
  index = -1;
  score = 0;
  /** Length of the piece in code points. */
  length = 0;
}

/** Prefix tree over the vocabulary pieces, split into code points. */
class PieceTrie {
  private readonly root = new TrieNode();

  insert(piece: string, score: number, index: number): void {
    let node = this.root;
    let length = 0;
    for (const symbol of piece) {
      let child = node.children.get(symbol);
      if (!child) {
        child = new TrieNode();
        node.children.set(symbol, child);
      }
      node = child;
      length++;
    }
    node.index = index;
    node.score = score;
    node.length = length;
  }

  /** Calls `visit` for every piece that starts at `symbols[start]`, shortest first. */
  forEachPrefix(symbols: string[], start: number, visit: (node: TrieNode) => void): number {
    let node = this.root.children.get(symbols[start]);
    let found = 0;
    for (let position = start; node; position++) {
      if (node.index >= 0) {
        visit(node);
        found++;
      }
      if (position + 1 >= symbols.length) break;
      node = node.children.get(symbols[position + 1]);
    }
    return found;
  }
}

/** NFKC-normalises and marks word starts with `▁`, as the original model expects. */
export function prepareTokenizerInput(text: string): string {
  const normalized = text.normalize('NFKC');
  return normalized.length > 0 ? pieceSeparator + normalized.replace(/ /g, pieceSeparator) : normalized;
}

/**
 * Splits text into the USE-lite vocabulary ids with the Viterbi search over all piece
 * segmentations (highest total score wins; ties go to the later candidate, as in the
 * original). Characters that no piece covers become {@link unknownTokenId}, and runs of
 * unknowns are merged into one. Cost is linear in the text length (times the longest
 * piece, 16 code points).
 */
export class UseTokenizer {
  private readonly trie = new PieceTrie();

  constructor(readonly vocabulary: UseVocabulary) {
    if (!Array.isArray(vocabulary) || vocabulary.length <= reservedSymbolsCount) {
      throw new Error(
        `USE vocabulary must be an array of [piece, score] pairs with more than ${reservedSymbolsCount} entries`,
      );
    }
    for (let index = reservedSymbolsCount; index < vocabulary.length; index++) {
      const entry = vocabulary[index];
      const score: unknown = entry?.[1];
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || (typeof score !== 'number' && score !== null)) {
        throw new Error(`USE vocabulary entry ${index} is not a [piece, score] pair: ${JSON.stringify(entry)}`);
      }
      // The shipped vocab.json has null scores for seven pieces containing ':'; the
      // original adds them as 0 (null + number), so they are treated as 0 here too.
      this.trie.insert(entry[0], score ?? 0, index);
    }
  }

  /** The token ids of `text` (empty for an empty text). */
  encode(text: string): number[] {
    const symbols = Array.from(prepareTokenizerInput(text));
    const count = symbols.length;
    // Forward Viterbi: every piece ending at `end` starts before it, so best[start] is final
    // when `start` is reached, and the candidates of each end arrive in ascending start
    // order, the order in which the original breaks ties.
    const best = new Float64Array(count + 1);
    const bestId = new Int32Array(count + 1);
    // A position no piece ends at keeps id 0 (unknown) and steps back one symbol, as the
    // original does (it steps back by the length of the unknown symbol).
    const bestStart = Int32Array.from({ length: count + 1 }, (_, position) => Math.max(0, position - 1));
    const relax = (start: number, end: number, score: number, id: number): void => {
      const total = score + best[start];
      // The original treats a best score of exactly 0 as "not reached yet".
      if (best[end] === 0 || total >= best[end]) {
        best[end] = total;
        bestId[end] = id;
        bestStart[end] = start;
      }
    };
    for (let start = 0; start < count; start++) {
      const found = this.trie.forEachPrefix(symbols, start, (node) =>
        relax(start, start + node.length, node.score, node.index),
      );
      if (found === 0) relax(start, start + 1, 0, unknownTokenId);
    }
    const reversed: number[] = [];
    for (let position = count; position > 0; position = bestStart[position]) reversed.push(bestId[position]);
    const ids: number[] = [];
    for (let index = reversed.length - 1; index >= 0; index--) {
      const id = reversed[index];
      if (id === unknownTokenId && ids.length > 0 && ids[ids.length - 1] === unknownTokenId) continue;
      ids.push(id);
    }
    return ids;
  }
}
