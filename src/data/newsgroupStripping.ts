/**
 * Ports of scikit-learn's 20 Newsgroups cleaners (sklearn/datasets/_twenty_newsgroups.py:
 * strip_newsgroup_header, strip_newsgroup_footer, strip_newsgroup_quoting), written to give
 * the same strings as Python on every input, including Python's notion of whitespace.
 */

/** The parts `fetch_20newsgroups(remove=...)` can strip. */
export type NewsgroupPart = 'headers' | 'footers' | 'quotes';

/**
 * Characters Python's `str.strip()` removes (`str.isspace()`): besides JavaScript's `trim()`
 * set it includes U+001C..U+001F and U+0085, and it excludes U+FEFF.
 */
const pythonWhitespace =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's `text.strip(characters)`; `characters` defaults to Python's whitespace. */
export function pythonStrip(text: string, characters: string = pythonWhitespace): string {
  let start = 0;
  let end = text.length;
  while (start < end && characters.includes(text[start])) start++;
  while (end > start && characters.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Removes everything before the first blank line (Python `text.partition("\n\n")[2]`; '' when none). */
export function stripNewsgroupHeader(text: string): string {
  const blankLine = text.indexOf('\n\n');
  return blankLine === -1 ? '' : text.slice(blankLine + 2);
}

/** scikit-learn's `_QUOTE_RE`, searched per line (no multiline flag: `^` is the line start). */
const quotePattern = /(writes in|writes:|wrote:|says:|said:|^In article|^Quoted from|^\||^>)/;

/**
 * Drops lines that start with `>` or `|`, or that usually introduce a quote (they contain
 * `writes:`, `wrote:`, `says:`, `said:`, `writes in`, or start with `In article` / `Quoted from`).
 */
export function stripNewsgroupQuoting(text: string): string {
  return text
    .split('\n')
    .filter((line) => !quotePattern.test(line))
    .join('\n');
}

/**
 * Removes a signature block: the text after the last line that is blank or made of hyphens
 * (trailing blank lines disregarded). When that line is the first one, the text is returned
 * unchanged (as scikit-learn does).
 */
export function stripNewsgroupFooter(text: string): string {
  const lines = pythonStrip(text).split('\n');
  let lineNumber = lines.length - 1;
  for (; lineNumber >= 0; lineNumber--) {
    if (pythonStrip(pythonStrip(lines[lineNumber]), '-') === '') break;
  }
  // Python's loop variable keeps its last value (0) when the loop ends without a break.
  if (lineNumber < 0) lineNumber = 0;
  return lineNumber > 0 ? lines.slice(0, lineNumber).join('\n') : text;
}

/** Applies the requested strippers in scikit-learn's order: headers, then footers, then quotes. */
export function stripNewsgroupParts(text: string, remove: readonly NewsgroupPart[]): string {
  let result = text;
  if (remove.includes('headers')) result = stripNewsgroupHeader(result);
  if (remove.includes('footers')) result = stripNewsgroupFooter(result);
  if (remove.includes('quotes')) result = stripNewsgroupQuoting(result);
  return result;
}
