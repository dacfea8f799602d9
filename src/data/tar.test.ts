import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { silentProgress } from '../util/progress';
import { ensureDataFile } from './download';
import { newsgroupsArchive } from './newsgroups';
import { parseTar, readTarGz } from './tar';

/** Builds one 512-byte tar header (ustar, or GNU magic when `gnu`), with a valid checksum. */
function header(
  name: string,
  size: number,
  typeFlag: string,
  options: { prefix?: string; gnu?: boolean } = {},
): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('00000000000\0', 136, 'latin1');
  block.write(typeFlag, 156, 'latin1');
  block.write(options.gnu ? 'ustar  \0' : 'ustar\x0000', 257, 'latin1');
  if (options.prefix) block.write(options.prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function entry(
  name: string,
  data: Buffer | string,
  typeFlag = '0',
  options: { prefix?: string; gnu?: boolean } = {},
): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return Buffer.concat([header(name, bytes.length, typeFlag, options), padded(bytes)]);
}

function paxRecord(key: string, value: string): string {
  const bodyBytes = Buffer.byteLength(` ${key}=${value}\n`, 'utf8'); // pax lengths count bytes
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  const body = ` ${key}=${value}\n`;
  return `${length}${body}`;
}

const longName = `deep/${'very-long-folder-name/'.repeat(6)}file.txt`; // 145 characters
const paxName = `pax/${'x'.repeat(120)}/ünïcode.txt`;

function sampleArchive(): Buffer {
  return Buffer.concat([
    entry('top/', '', '5'),
    entry('top/a.txt', 'first file\n'),
    entry('././@LongLink', `${longName}\0`, 'L', { gnu: true }),
    entry(longName.slice(0, 99), 'long-named content', '0', { gnu: true }),
    entry('PaxHeaders/x', paxRecord('path', paxName), 'x'),
    entry('truncated-name', 'pax-named content'),
    entry('name.txt', 'with a prefix', '0', { prefix: 'prefixed/folder' }),
    entry('link', '', '2'),
    entry('empty.txt', ''),
    Buffer.alloc(1024),
  ]);
}

let temporary: string;

describe('tar reader', () => {
  before(async () => {
    temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-tar-'));
  });
  after(async () => {
    await fs.rm(temporary, { recursive: true, force: true });
  });

  it('yields regular files with GNU long names, pax paths and ustar prefixes resolved', () => {
    const entries = [...parseTar(sampleArchive(), 'sample.tar')];
    assert.deepEqual(
      entries.map((item) => [item.path, item.data.toString('utf8')]),
      [
        ['top/a.txt', 'first file\n'],
        [longName, 'long-named content'],
        [paxName, 'pax-named content'],
        ['prefixed/folder/name.txt', 'with a prefix'],
        ['empty.txt', ''],
      ],
    );
  });

  it('reads a .tar.gz file and applies a filter', async () => {
    const archivePath = path.join(temporary, 'sample.tar.gz');
    await fs.writeFile(archivePath, gzipSync(sampleArchive()));
    const entries = await readTarGz(archivePath, (entryPath) => entryPath.endsWith('.txt'));
    assert.deepEqual(
      entries.map((item) => item.path),
      ['top/a.txt', longName, paxName, 'prefixed/folder/name.txt', 'empty.txt'],
    );
  });

  it('names the archive when a header is damaged or the data is cut short', () => {
    const damaged = sampleArchive();
    damaged[512 + 3] ^= 0xff; // inside the name of the second header
    assert.throws(
      () => [...parseTar(damaged, 'damaged.tar')],
      /damaged\.tar: corrupt tar header at byte 512 \(checksum mismatch\)/,
    );
    const cutInData = sampleArchive().subarray(0, 512 * 4 + 100);
    assert.throws(
      () => [...parseTar(cutInData, 'cut.tar')],
      /cut\.tar is truncated: entry "\.\/\.\/@LongLink" needs 146 bytes but the archive ends 100 bytes after its header/,
    );
    const cutInHeader = sampleArchive().subarray(0, 512 * 3 + 100);
    assert.throws(
      () => [...parseTar(cutInHeader, 'cut.tar')],
      /cut\.tar is truncated: it ends inside a tar header at byte 1536/,
    );
  });

  it('rejects a truncated copy of the real archive, naming it', async () => {
    const archive = await ensureDataFile(newsgroupsArchive, { onProgress: silentProgress });
    const bytes = await fs.readFile(archive);
    const truncated = path.join(temporary, '20news-truncated.tar.gz');
    await fs.writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(readTarGz(truncated), (error: Error) => {
      assert.ok(error.message.startsWith(`${truncated} is not a complete gzip file`), error.message);
      return true;
    });
  });

  it('rejects corrupted gzip data, naming the archive', async () => {
    const compressed = gzipSync(Buffer.concat([sampleArchive(), Buffer.alloc(4096, 'a')]));
    for (let index = 20; index < 60; index++) compressed[index] ^= 0x5a;
    const corrupted = path.join(temporary, 'corrupted.tar.gz');
    await fs.writeFile(corrupted, compressed);
    await assert.rejects(
      readTarGz(corrupted),
      new RegExp(`${corrupted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a complete gzip file`),
    );
  });
});
