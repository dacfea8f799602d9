import { readJson, writeJsonAtomic } from '../util/atomicFile';
import { tfidfModelHash, type TfidfModel } from './tfidf';

/** Writes a fitted model as JSON, atomically (a cache a later run reads with {@link loadTfidfModel}). */
export async function saveTfidfModel(filePath: string, model: TfidfModel): Promise<void> {
  await writeJsonAtomic(filePath, model);
}

/**
 * Reads a model written by {@link saveTfidfModel}; checks its format, its array lengths and
 * that its content still matches its id (a hand-edited or truncated file is an error).
 */
export async function loadTfidfModel(filePath: string): Promise<TfidfModel> {
  const model = await readJson<TfidfModel>(filePath);
  return checkTfidfModel(model, filePath);
}

/** Checks a parsed model object (see {@link loadTfidfModel}); `source` names it in errors. */
export function checkTfidfModel(model: TfidfModel, source: string): TfidfModel {
  if (model === null || typeof model !== 'object' || model.format !== 'hkd-tfidf-1') {
    throw new Error(`${source}: not a TF-IDF model (expected "format": "hkd-tfidf-1")`);
  }
  if (!Array.isArray(model.vocabulary) || !Array.isArray(model.idf) || model.vocabulary.length !== model.idf.length) {
    throw new Error(`${source}: vocabulary and idf must be arrays of equal length`);
  }
  if (
    model.selected &&
    (model.selected.length !== model.dimension ||
      model.selected.some((column) => !(column >= 0 && column < model.vocabulary.length)))
  ) {
    throw new Error(`${source}: selected must hold ${model.dimension} vocabulary indices`);
  }
  const hash = tfidfModelHash(model);
  if (hash !== model.id)
    throw new Error(
      `${source}: content hash ${hash} does not match the stored id ${model.id} (file changed after fitting)`,
    );
  return model;
}
