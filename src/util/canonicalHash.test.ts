import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalHash, canonicalJson, firstDifference } from './canonicalHash';
import { sampleRunIdInput } from './fixtures/runConfigSample';

/** trainRole's configHash as it was before this module (JSON.stringify, keys by localeCompare), kept to check run ids survive. */
function legacyConfigHash(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 8);
}

/** Every leaf of a JSON value with its path (array items and object entries; empty containers count as leaves). */
function leaves(value: unknown, where: (string | number)[] = []): Array<(string | number)[]> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
    if (entries.length > 0) return entries.flatMap(([key, item]) => leaves(item, [...where, key]));
  }
  return [where];
}

/** A different value of the same kind (null becomes 0). */
function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'boolean') return !value;
  if (value === null) return 0;
  if (Array.isArray(value)) return [0];
  return { added: 1 };
}

function setAt(root: unknown, where: (string | number)[], mutate: (value: unknown) => unknown): void {
  let parent = root as Record<string | number, unknown>;
  for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = where[where.length - 1];
  parent[last] = mutate(parent[last]);
}

describe('canonicalJson', () => {
  it('sorts keys at every level by code unit, drops undefined entries and writes no spaces', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { z: 0, y: undefined }], c: 'x' }, B: null }),
      '{"B":null,"a":{"c":"x","d":[1,{"z":0}]},"b":1}',
    );
    assert.equal(canonicalJson([undefined, -0, 1e21, 0.1 + 0.2]), '[null,0,1e+21,0.30000000000000004]');
    assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  });

  it('refuses values JSON would silently change, naming where they are', () => {
    assert.throws(() => canonicalJson({ training: { learningRate: NaN } }), /\$\.training\.learningRate is NaN/);
    assert.throws(() => canonicalJson({ list: [1, Infinity] }), /\$\.list\[1\] is Infinity/);
    assert.throws(() => canonicalJson({ f: () => 1 }), /\$\.f is a function/);
  });
});

describe('canonicalHash', () => {
  it('keeps existing embedding cache file names (stems computed by the code before this module)', () => {
    // Three manifests written by the previous embedding cache (data/embeddings/*.json): key, texts, rows -> keyHash.
    const cleaning = { recipe: 'paper1', remove: ['headers', 'footers', 'quotes'], deduplicate: 'across' };
    const cases: Array<[string, string, string]> = [
      ['test', '7b58b82a172d33ac2b9dee04b9a9eb2245d2133125f458ca524ff87bed4284cf', '0e4e66386ab9bd193fbbfce26d1bf7c8'],
      [
        'validation',
        'db381d29dd14ed5782dfe84878e012eaec672f36af5ea406c8721a733115a262',
        'ace3e2139d5b8042ad1baef11a335f60',
      ],
      ['train', 'b3d40fd0e8890721d3b3444a130d40f25498739d71f4e10ef9c4f1f799b36c71', 'cbf4dd890f1b38adcd4cfaf409802f58'],
    ];
    for (const [split, textsSha256, keyHash] of cases) {
      const key = {
        dataFingerprint: `75881d40dbe08e7327b8c01fbcd98cc6a421be3cba635cd01a3040e6b4d9054b:${split}`,
        cleaning,
        encoderId: 'hashing-bow:256',
      };
      assert.equal(canonicalHash({ key, textsSha256, rows: 240 }, 32), keyHash, split);
    }
  });

  it("gives trainRole's run-id hash unchanged for today's run configs (existing run ids survive)", () => {
    const input = sampleRunIdInput();
    assert.equal(canonicalHash(input), legacyConfigHash(input));
    assert.match(canonicalHash(input), /^[0-9a-f]{8}$/);
    // Where the two orders part: keys equal but for case or punctuation (none in today's configs).
    assert.notEqual(canonicalHash({ B: 1, a: 2 }), legacyConfigHash({ B: 1, a: 2 }));
  });

  it('changing any config field gives a new run id (checked over every leaf of a full run config)', () => {
    const base = sampleRunIdInput();
    const baseHash = canonicalHash(base);
    const paths = leaves(base);
    assert.ok(paths.length >= 45, `only ${paths.length} leaves`);
    const seen = new Set([baseHash]);
    for (const where of paths) {
      const copy = sampleRunIdInput();
      setAt(copy, where, changed);
      const hash = canonicalHash(copy);
      assert.notEqual(hash, baseHash, `changing ${where.join('.')} kept the run id`);
      seen.add(hash);
      // Removing a field changes it too (an absent field is not the same config).
      const without = sampleRunIdInput();
      setAt(without, where, () => undefined);
      if (typeof where[where.length - 1] === 'string')
        assert.notEqual(canonicalHash(without), baseHash, `dropping ${where.join('.')} kept the run id`);
    }
    assert.equal(seen.size, paths.length + 1, 'every change gives its own id');
    // Key order is not a change.
    const reordered = Object.fromEntries(Object.entries(base.runConfig).reverse());
    assert.equal(canonicalHash({ seed: base.seed, runConfig: reordered }), baseHash);
  });

  it('checks its length', () => {
    assert.equal(canonicalHash({ a: 1 }, 64).length, 64);
    assert.throws(() => canonicalHash({}, 0), /length must be an integer from 1 to 64/);
  });
});

describe('firstDifference', () => {
  it('names the first differing path, or nothing when equal', () => {
    const stored = sampleRunIdInput().runConfig;
    const current = sampleRunIdInput().runConfig;
    assert.equal(firstDifference(stored, current), undefined);
    (current.training as { epochs: number }).epochs = 40;
    assert.equal(firstDifference(stored, current, 'config'), 'config.training.epochs: 100 vs 40');
    delete (current as { teacherRunId?: unknown }).teacherRunId;
    assert.equal(
      firstDifference(stored, current, 'config'),
      'config.teacherRunId: "seed1-teacher-coarse-1a2b3c4d" vs absent',
    );
    assert.equal(firstDifference([1, 2], [1, 2, 3]), '$: 2 items vs 3');
  });
});
