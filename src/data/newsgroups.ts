import { type DataFileSpec, type EnsureDataFileOptions, ensureDataFile } from './download';
import { type NewsgroupPart, stripNewsgroupParts } from './newsgroupStripping';
import { readTarGz } from './tar';

/**
 * The 20 Newsgroups "by date" archive. The canonical copy is the one scikit-learn downloads
 * (figshare; the same file as http://qwone.com/~jason/20Newsgroups/20news-bydate.tar.gz);
 * the offline mirror holds a rebuild with identical posts but other tar bytes, so both
 * checksums are accepted.
 */
export const newsgroupsArchive: DataFileSpec = {
  name: '20news-bydate.tar.gz',
  url: 'https://ndownloader.figshare.com/files/5975967',
  alternateUrls: ['http://qwone.com/~jason/20Newsgroups/20news-bydate.tar.gz'],
  sha256: [
    '8f1b2514ca22a5ade8fbb9cfa5727df95fa587f4c87b786e15c759fa66d95610', // canonical (scikit-learn ARCHIVE)
    '6ad41bc420326b9d397103f07069ce18c1939a28484a2821d14c18f34d97ab72', // offline mirror rebuild
  ],
  mirrorPath: '20news-bydate.tar.gz',
};

/** The 20 group names in label order (sorted, as scikit-learn): alt.atheism = 0 … talk.religion.misc = 19. */
export const newsgroupNames: readonly string[] = [
  'alt.atheism',
  'comp.graphics',
  'comp.os.ms-windows.misc',
  'comp.sys.ibm.pc.hardware',
  'comp.sys.mac.hardware',
  'comp.windows.x',
  'misc.forsale',
  'rec.autos',
  'rec.motorcycles',
  'rec.sport.baseball',
  'rec.sport.hockey',
  'sci.crypt',
  'sci.electronics',
  'sci.med',
  'sci.space',
  'soc.religion.christian',
  'talk.politics.guns',
  'talk.politics.mideast',
  'talk.politics.misc',
  'talk.religion.misc',
];

/** Which part of the by-date split to load. */
export type NewsgroupsSubset = 'train' | 'test' | 'all';

/** Options of {@link loadNewsgroups}. */
export interface LoadNewsgroupsOptions extends EnsureDataFileOptions {
  subset: NewsgroupsSubset;
  /** Parts to strip, as scikit-learn's `remove` (applied in the order headers, footers, quotes). */
  remove?: readonly NewsgroupPart[];
}

/** Posts with their fine labels. */
export interface NewsgroupsData {
  texts: string[];
  /** Fine label ids 0..19, indexes into `labelNames`. */
  labels: number[];
  labelNames: string[];
  /** Paths inside the archive, e.g. `20news-bydate-train/alt.atheism/49960`. */
  fileNames: string[];
}

interface ParsedDocument {
  text: string;
  label: number;
  fileName: string;
}

interface ParsedArchive {
  train: ParsedDocument[];
  test: ParsedDocument[];
}

/** Parsed archives per archive path, so each process reads the 14 MB archive once. */
const parsedArchives = new Map<string, Promise<ParsedArchive>>();

const subsetFolders = { train: '20news-bydate-train', test: '20news-bydate-test' } as const;

/** Orders file names numerically when both are numbers (all 20NG names are), else as strings. */
function compareFileNames(first: string, second: string): number {
  const firstNumber = Number(first);
  const secondNumber = Number(second);
  if (Number.isInteger(firstNumber) && Number.isInteger(secondNumber) && firstNumber !== secondNumber) {
    return firstNumber - secondNumber;
  }
  return first < second ? -1 : first > second ? 1 : 0;
}

/** Reads and checks the archive: two subsets, 20 known groups each, latin-1 text. */
export async function parseNewsgroupsArchive(archivePath: string): Promise<ParsedArchive> {
  const entries = await readTarGz(archivePath);
  const parsed: ParsedArchive = { train: [], test: [] };
  const sortKeys = new Map<ParsedDocument, [string, string]>();
  for (const entry of entries) {
    const parts = entry.path.replace(/^\.\//, '').split('/');
    if (parts.length !== 3) continue;
    const [folder, group, file] = parts;
    const subset = folder === subsetFolders.train ? 'train' : folder === subsetFolders.test ? 'test' : undefined;
    if (subset === undefined) continue;
    const label = newsgroupNames.indexOf(group);
    if (label === -1) {
      throw new Error(
        `${archivePath}: unknown newsgroup folder "${group}" in ${entry.path}; expected one of ${newsgroupNames.join(', ')}`,
      );
    }
    const document = { text: entry.data.toString('latin1'), label, fileName: entry.path };
    sortKeys.set(document, [group, file]);
    parsed[subset].push(document);
  }
  for (const subset of ['train', 'test'] as const) {
    const groups = new Set(parsed[subset].map((document) => document.label));
    if (groups.size !== newsgroupNames.length) {
      const missing = newsgroupNames.filter((_, label) => !groups.has(label));
      throw new Error(`${archivePath}: ${subsetFolders[subset]}/ lacks groups ${missing.join(', ')}`);
    }
    parsed[subset].sort((first, second) => {
      const [firstGroup, firstFile] = sortKeys.get(first)!;
      const [secondGroup, secondFile] = sortKeys.get(second)!;
      if (firstGroup !== secondGroup) return firstGroup < secondGroup ? -1 : 1;
      return compareFileNames(firstFile, secondFile);
    });
  }
  return parsed;
}

/** Forgets the in-memory parsed archives (tests). */
export function clearNewsgroupsCache(): void {
  parsedArchives.clear();
}

/**
 * Loads 20 Newsgroups (by-date split) as scikit-learn's `fetch_20newsgroups` does — latin-1
 * text, labels from the sorted group names, optional header/footer/quote stripping with
 * ported scikit-learn cleaners — but in a fixed order (group, then numeric file name) instead
 * of a shuffle. `subset: 'all'` is train followed by test.
 */
export async function loadNewsgroups(options: LoadNewsgroupsOptions): Promise<NewsgroupsData> {
  const { subset, remove = [] } = options;
  if (!['train', 'test', 'all'].includes(subset)) throw new Error(`subset must be train, test or all, got "${subset}"`);
  for (const part of remove) {
    if (!['headers', 'footers', 'quotes'].includes(part)) {
      throw new Error(`remove may hold headers, footers, quotes; got "${part}"`);
    }
  }
  const archivePath = await ensureDataFile(newsgroupsArchive, options);
  let parsing = parsedArchives.get(archivePath);
  if (parsing === undefined) {
    parsing = parseNewsgroupsArchive(archivePath);
    parsedArchives.set(archivePath, parsing);
    parsing.catch(() => parsedArchives.delete(archivePath));
  }
  const parsed = await parsing;
  const documents = subset === 'all' ? [...parsed.train, ...parsed.test] : parsed[subset];
  return {
    texts: documents.map((document) => stripNewsgroupParts(document.text, remove)),
    labels: documents.map((document) => document.label),
    labelNames: [...newsgroupNames],
    fileNames: documents.map((document) => document.fileName),
  };
}
