import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseIdx, readIdxFile } from './idx';

/** uint8 array of shape [2, 2, 3] holding 0..11. */
const uint8Sample = Buffer.from([
  0,
  0,
  0x08,
  3,
  0,
  0,
  0,
  2,
  0,
  0,
  0,
  2,
  0,
  0,
  0,
  3,
  ...Array.from({ length: 12 }, (_, index) => index),
]);

let temporary: string;

describe('IDX parser', () => {
  before(async () => {
    temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-idx-'));
  });
  after(async () => {
    await fs.rm(temporary, { recursive: true, force: true });
  });

  it('parses uint8 arrays with their dimensions', () => {
    const parsed = parseIdx(uint8Sample, 'sample.idx');
    assert.equal(parsed.dataType, 'uint8');
    assert.deepEqual(parsed.dimensions, [2, 2, 3]);
    assert.deepEqual([...parsed.data], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('reads big-endian int16 and float32 values', () => {
    const int16 = Buffer.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
    assert.deepEqual([...parseIdx(int16, 'short.idx').data], [258, -2]);
    const float32 = Buffer.alloc(4 + 4 + 4);
    float32.set([0, 0, 0x0d, 1]);
    float32.writeUInt32BE(1, 4);
    float32.writeFloatBE(1.5, 8);
    assert.deepEqual([...parseIdx(float32, 'float.idx').data], [1.5]);
  });

  it('names the file on bad magic, unknown type or wrong length', () => {
    assert.throws(
      () => parseIdx(Buffer.from([0x1f, 0x8b, 8, 0]), 'gz.idx'),
      /gz\.idx is not an IDX file: bad magic number 0x1f8b0800/,
    );
    assert.throws(
      () => parseIdx(Buffer.from([0, 0, 0x07, 1, 0, 0, 0, 0]), 'type.idx'),
      /type\.idx: unknown IDX data type 0x07/,
    );
    assert.throws(
      () => parseIdx(uint8Sample.subarray(0, uint8Sample.length - 1), 'short.idx'),
      /short\.idx: wrong length for a uint8 array of shape \[2, 2, 3\]: expected 28 bytes, got 27/,
    );
    assert.throws(
      () => parseIdx(Buffer.from([0, 0, 8, 2, 0, 0]), 'header.idx'),
      /header\.idx: IDX header with 2 dimensions/,
    );
  });

  it('reads gzipped and plain files, and names a truncated gzip file', async () => {
    const gzPath = path.join(temporary, 'sample-idx3-ubyte.gz');
    const plainPath = path.join(temporary, 'sample-idx3-ubyte');
    await fs.writeFile(gzPath, gzipSync(uint8Sample));
    await fs.writeFile(plainPath, uint8Sample);
    assert.deepEqual((await readIdxFile(gzPath)).dimensions, [2, 2, 3]);
    assert.deepEqual((await readIdxFile(plainPath)).data, (await readIdxFile(gzPath)).data);
    const truncatedPath = path.join(temporary, 'truncated.gz');
    await fs.writeFile(truncatedPath, gzipSync(uint8Sample).subarray(0, 20));
    await assert.rejects(
      readIdxFile(truncatedPath),
      new RegExp(`${truncatedPath.replace(/[.]/g, '\\.')} is not a complete gzip file`),
    );
  });
});
