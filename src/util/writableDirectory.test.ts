import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkOutputFolders, DirectoryNotWritableError, ensureWritableDirectory } from './writableDirectory';

let scratch: string;
before(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-writable-'));
});
after(async () => {
  await fs.chmod(path.join(scratch, 'locked'), 0o755).catch(() => undefined);
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('ensureWritableDirectory', () => {
  it('creates every missing level and leaves no probe file behind', async () => {
    const target = path.join(scratch, 'a', 'b', 'c');
    assert.equal(await ensureWritableDirectory(target, '--runs-dir'), target);
    assert.ok(statSync(target).isDirectory());
    assert.deepEqual(readdirSync(target), []);
    // An existing, writable folder is fine too.
    assert.equal(await ensureWritableDirectory(path.relative(process.cwd(), target), '--runs-dir'), target);
  });

  it('fails fast, naming the option and the path, under /proc (where a recursive mkdir never returns)', async () => {
    const started = Date.now();
    await assert.rejects(ensureWritableDirectory('/proc/hkd-no-such/runs', '--runs-dir'), (error: Error) => {
      assert.ok(error instanceof DirectoryNotWritableError);
      assert.match(error.message, /^--runs-dir \/proc\/hkd-no-such\/runs: cannot create \/proc\/hkd-no-such \(/);
      return true;
    });
    assert.ok(Date.now() - started < 2000, 'took more than 2 s');
    assert.equal(existsSync('/proc/hkd-no-such'), false);
    // /proc exists but takes no files, even from root.
    await assert.rejects(ensureWritableDirectory('/proc', '--out'), {
      message: /^--out \/proc: cannot write in it \(/,
    });
  });

  it('checkOutputFolders lists every folder that is not writable, naming its option', async () => {
    const good = path.join(scratch, 'runs-ok');
    await checkOutputFolders({ runs: true, runsDirectory: good, outputDirectory: path.join(scratch, 'out-ok') });
    assert.ok(statSync(good).isDirectory() && statSync(path.join(scratch, 'out-ok')).isDirectory());
    await assert.rejects(
      checkOutputFolders({ runs: true, runsDirectory: '/proc/hkd-runs', outputDirectory: '/proc/hkd-out' }),
      (error: Error) => {
        const lines = error.message.split('\n');
        assert.equal(lines.length, 2);
        assert.match(lines[0], /^--runs-dir \/proc\/hkd-runs: cannot create/);
        assert.match(lines[1], /^--out \/proc\/hkd-out: cannot create/);
        return true;
      },
    );
  });

  it('names a file in the way', async () => {
    const file = path.join(scratch, 'plain-file');
    await fs.writeFile(file, 'x');
    await assert.rejects(ensureWritableDirectory(path.join(file, 'reports'), '--out'), {
      name: 'DirectoryNotWritableError',
      message: `--out ${file}/reports: ${file} exists and is not a folder`,
    });
  });

  it('names a folder that cannot be written (as a user without root rights)', {
    skip: process.getuid?.() === 0 ? 'root may write anywhere' : false,
  }, async () => {
    const locked = path.join(scratch, 'locked');
    await fs.mkdir(locked, { mode: 0o555 });
    await assert.rejects(ensureWritableDirectory(locked, 'the data folder'), (error: Error) =>
      /the data folder .*locked: cannot write in it \(EACCES/.test(error.message),
    );
  });
});
