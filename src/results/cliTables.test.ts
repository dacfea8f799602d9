import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeReport } from '../report/writeReport';
import { comparisonTablesText } from './cliTables';
import { claimVerdictLines } from './paperClaims';
import { withTemporaryFolder, writeHandMadeRun } from './fixtures/handMadeRuns';
import { parseMarkdownTable, parseTextTable } from './fixtures/tableParsing';

/** The text table printed right after the line starting with `heading` (up to the next blank line). */
function textTableAfter(text: string, heading: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading)) + 1;
  assert.ok(start > 0, `no "${heading}" in the CLI output:\n${text}`);
  const end = lines.findIndex((line, index) => index > start && line === '');
  return parseTextTable(lines.slice(start, end === -1 ? undefined : end).join('\n'));
}

/** The Markdown table whose header row starts with `firstHeader`. */
function markdownTableStarting(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${firstHeader} | Params |`));
  assert.ok(start >= 0, `no table starting with ${firstHeader} in the report`);
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return parseMarkdownTable(lines.slice(start, end).join('\n'));
}

test("the CLI prints the report's teachers' and students' tables, cell for cell, from the same run records", async () => {
  await withTemporaryFolder(async (folder) => {
    const experimentDirectory = path.join(folder, 'handmade');
    const accuracies: Record<string, number[]> = {
      'teacher-coarse': [0.8, 0.81, 0.79],
      'teacher-fine': [0.6, 0.62, 0.61],
      heterogeneous: [0.7, 0.72, 0.71],
      traditional: [0.7, 0.65, 0.72],
      plain: [0.65, 0.66, 0.66],
      'coarse-auxiliary': [0.66, 0.69, 0.67],
    };
    for (const [method, values] of Object.entries(accuracies)) {
      for (const [index, accuracy] of values.entries()) {
        const fine = method !== 'teacher-coarse';
        await writeHandMadeRun(experimentDirectory, {
          method,
          seed: index + 1,
          accuracy,
          macroF1: accuracy - 0.01,
          curve: [accuracy - 0.1, accuracy],
          ...(fine ? { withinGroupErrorShare: 0.5 + index / 10, impliedCoarseAccuracy: accuracy + 0.1 } : {}),
        });
      }
    }
    const runFolders = await readdir(experimentDirectory);
    const text = await comparisonTablesText({
      experimentDirectory,
      runFolders,
      targetAccuracy: 0.68,
      hierarchyName: 'newsgroups-paper',
    });
    const report = await writeReport({ experimentDirectory, outputDirectory: path.join(folder, 'reports') });

    const cliTeachers = textTableAfter(text, 'Teachers (');
    const cliStudents = textTableAfter(text, 'Students (');
    assert.deepEqual(cliTeachers, markdownTableStarting(report.markdown, 'Teacher'));
    assert.deepEqual(cliStudents, markdownTableStarting(report.markdown, 'Method'));
    // The tables are the full ones: paper 1's columns, the group scores and the paired cells.
    assert.deepEqual(
      cliStudents.map((row) => row[0]),
      ['Method', 'A heterogeneous KD', 'B traditional KD', 'C plain student', 'D coarse-label auxiliary (control)'],
    );
    assert.ok(
      cliStudents[0].includes('Errors in group vs C (paired t)') && cliStudents[0].includes('Paper 1 (BERT) accuracy'),
    );
    assert.equal(cliStudents[1][cliStudents[0].indexOf('Epochs to 0.68 (reached)')], '2.0 (3/3)');
    assert.match(
      cliStudents[1][cliStudents[0].indexOf('Accuracy vs C (paired t)')],
      /^\+0\.0533 \[\+0\.\d{4}, \+0\.\d{4}\] p 0\.\d{3} \(Holm 0\.\d{3}\), n 3$/,
    );
    assert.match(text, /A heterogeneous KD vs B traditional KD over 3 shared seeds: accuracy \+0\.0200/);
    // The same claims engine: the CLI's verdict lines are the report's, in its order.
    const verdicts = claimVerdictLines(report.claims);
    assert.equal(verdicts.length, 7);
    assert.ok(text.endsWith(verdicts.join('\n')), text);
    assert.match(text, /paper 1's claims on these runs/);
  });
});
