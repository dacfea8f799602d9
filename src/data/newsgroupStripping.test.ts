import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  pythonStrip,
  stripNewsgroupFooter,
  stripNewsgroupHeader,
  stripNewsgroupParts,
  stripNewsgroupQuoting,
} from './newsgroupStripping';

// Expected values were produced by scikit-learn 1.9's strip_newsgroup_* on the same strings.
describe('scikit-learn newsgroup strippers (ported)', () => {
  it('strips headers up to the first blank line, and everything when there is none', () => {
    assert.equal(stripNewsgroupHeader('From: a\nSubject: b\n\nBody line\n\nMore'), 'Body line\n\nMore');
    assert.equal(stripNewsgroupHeader('no blank line here\nat all'), '');
  });

  it('strips the footer after the last blank or hyphen line', () => {
    assert.equal(
      stripNewsgroupFooter('Body one\nBody two\n\n--\nJohn Doe\njohn@example.com\n\n'),
      'Body one\nBody two\n',
    );
    assert.equal(stripNewsgroupFooter('Body one\nBody two\n-----\nsig'), 'Body one\nBody two');
    assert.equal(stripNewsgroupFooter('\n\nfirst\n\nsecond'), 'first');
  });

  it('returns the text unchanged when no separator line follows the first line', () => {
    assert.equal(stripNewsgroupFooter('only one line\n'), 'only one line\n');
    assert.equal(stripNewsgroupFooter('line a\nline b'), 'line a\nline b');
  });

  it("uses Python's whitespace (U+001C and U+0085 count as whitespace)", () => {
    assert.equal(stripNewsgroupFooter('Body\n\x1c\nsig\x85'), 'Body');
    assert.equal(pythonStrip('\x1c\x85 a b\xa0\t'), 'a b');
    assert.equal(pythonStrip('\ufeffa'), '\ufeffa');
    assert.equal(pythonStrip('--x--', '-'), 'x');
  });

  it('drops quoted lines and quote introductions', () => {
    const text =
      'John Smith writes:\n> quoted\n| also quoted\nIn article <1@x> foo\nreal text\nHe said: hi\n  > indented stays\nQuoted from Bob\nend';
    assert.equal(stripNewsgroupQuoting(text), 'real text\n  > indented stays\nend');
  });

  it('applies headers, footers, quotes in that order', () => {
    const post = 'From: x\n\n> quoted\nbody\n\n--\nsig';
    assert.equal(stripNewsgroupParts(post, ['quotes', 'headers', 'footers']), 'body\n');
    assert.equal(stripNewsgroupParts(post, []), post);
  });
});
