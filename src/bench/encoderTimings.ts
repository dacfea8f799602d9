/**
 * Documents per second of the default encoder (USE lite) on real 20 Newsgroups posts,
 * for `npm run benchmark`: the whole `encode` call, and separately its tokenizer (text cut,
 * whitespace collapse, sentencepiece Viterbi) and its graph calls, so the table shows
 * where the time goes.
 */
import { loadNewsgroups } from '../data';
import { UniversalSentenceEncoder } from '../embeddings/universalSentenceEncoder';

/** What {@link measureEncoder} reports. */
export interface EncoderTiming {
  documents: number;
  /** Whole `encode` calls (tokenizer + graph + copying), documents per second. */
  documentsPerSecond: number;
  /** Tokenizer alone (`windows()` of every text), seconds for all documents. */
  tokenizerSeconds: number;
  /** Graph calls alone on the same windows, seconds for all documents. */
  graphSeconds: number;
  encodeSeconds: number;
  meanTokens: number;
}

/**
 * `documents` posts of the training subset (headers, footers and quotes stripped as in the
 * default experiment), taken evenly across the 20 groups (every k-th post).
 */
export async function benchmarkTexts(documents: number): Promise<string[]> {
  const data = await loadNewsgroups({ subset: 'train', remove: ['headers', 'footers', 'quotes'] });
  if (documents > data.texts.length)
    throw new Error(`benchmark: asked for ${documents} documents, the training subset has ${data.texts.length}`);
  const step = Math.floor(data.texts.length / documents);
  return Array.from({ length: documents }, (_, index) => data.texts[index * step]);
}

/** Times the default encoder on `texts` after one warm-up batch. */
export async function measureEncoder(texts: string[]): Promise<EncoderTiming> {
  const encoder = await UniversalSentenceEncoder.load();
  try {
    await encoder.encode(texts.slice(0, Math.min(texts.length, encoder.batchSize)));
    let started = performance.now();
    await encoder.encode(texts);
    const encodeSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const windows = texts.flatMap((text) => encoder.windows(text));
    const tokenizerSeconds = (performance.now() - started) / 1000;

    windows.sort((first, second) => first.length - second.length);
    started = performance.now();
    for (let begin = 0; begin < windows.length; begin += encoder.batchSize)
      await encoder.runModel(windows.slice(begin, begin + encoder.batchSize));
    const graphSeconds = (performance.now() - started) / 1000;
    return {
      documents: texts.length,
      documentsPerSecond: texts.length / encodeSeconds,
      tokenizerSeconds,
      graphSeconds,
      encodeSeconds,
      meanTokens: windows.reduce((sum, ids) => sum + ids.length, 0) / windows.length,
    };
  } finally {
    encoder.dispose();
  }
}
