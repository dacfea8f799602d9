import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  baselineComparisonFamilies,
  baselineComparisonsTable,
  chosenBaselineRuns,
  mostAccurate,
} from './baselineComparisons';
import { baselineFixturePoints } from './fixtures/baselineRuns';

// Closed-form two-sided p of the paired t-test on 2 degrees of freedom (see the fixture).
const twoDegreesP = (t: number) => 1 - Math.abs(t) / Math.sqrt(2 + t * t);
const steadyP = twoDegreesP(1.1 / (0.1 / Math.sqrt(3)));
const spreadP = twoDegreesP(2 / (1 / Math.sqrt(3)));

const close = (actual: number | undefined, expected: number) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);

describe('baselineComparisonFamilies', () => {
  const families = baselineComparisonFamilies(baselineFixturePoints());

  it('one family per recorded score; NLL after scaling left out when no run recorded it', () => {
    assert.deepEqual(
      families.map((family) => family.score),
      ['accuracy', 'mistakeSeverity', 'scaledExpectedCalibrationError'],
    );
    assert.deepEqual(
      families.map((family) =>
        family.results.map((result) => `${result.definition.first}-${result.definition.second}`),
      ),
      [
        ['heterogeneous-soft-labels', 'heterogeneous-hxe'],
        ['heterogeneous-plain', 'heterogeneous-soft-labels', 'heterogeneous-hxe', 'tf-kd-virtual-plain'],
        ['heterogeneous-plain', 'heterogeneous-soft-labels', 'heterogeneous-hxe', 'tf-kd-virtual-plain'],
      ],
    );
  });

  it('accuracy: A − F and A − G at F and G chosen on validation, Holm over the two', () => {
    const [againstF, againstG] = families[0].results;
    // F at its validation-chosen setting (test 0.61), not at the setting better on test (0.8).
    close(againstF.meanDifference, 0.02);
    close(againstF.pValue, spreadP);
    close(againstF.holmPValue, spreadP);
    assert.equal(againstF.verdict, 'undecided');
    close(againstG.meanDifference, 0.011);
    close(againstG.pValue, steadyP);
    close(againstG.holmPValue, 2 * steadyP);
    assert.equal(againstG.verdict, 'supported');
  });

  it('severity: lower is claimed; Holm over four comparisons; a higher severity is contradicted', () => {
    const results = families[1].results;
    close(results[0].meanDifference, -0.11);
    close(results[2].meanDifference, 0.11);
    close(results[3].meanDifference, 0.02);
    assert.deepEqual(
      results.map((result) => result.verdict),
      ['supported', 'undecided', 'contradicted', 'undecided'],
    );
    // Holm: the two steady p's times 4 and 3 (the running maximum keeps 4), the spread ones times 2 and 1.
    [4 * steadyP, 2 * spreadP, 4 * steadyP, 2 * spreadP].forEach((expected, index) =>
      close(results[index].holmPValue, expected),
    );
  });

  it('a comparison whose runs lack the score cannot be tested and does not count in the Holm family', () => {
    const results = families[2].results;
    assert.deepEqual(
      results.map((result) => result.verdict),
      ['supported', 'cannot be tested here', 'cannot be tested here', 'cannot be tested here'],
    );
    close(results[0].holmPValue, steadyP);
  });

  it('the table: one row per comparison, cells as every paired table writes them, a detectable-effect line per score', () => {
    const table = baselineComparisonsTable(families);
    assert.deepEqual(table.rows.slice(0, 6), [
      [
        'Test accuracy',
        'A − F',
        '+0.0200 [-0.0048, +0.0448] p 0.074 (Holm 0.074), n 3',
        '**undecided** (consistent with 0)',
      ],
      [
        'Test accuracy',
        'A − G',
        '+0.0110 [+0.0085, +0.0135] p 0.003 (Holm 0.005), n 3',
        '**supported** (in the claimed direction)',
      ],
      [
        'Mistake severity',
        'A − C',
        '-0.1100 [-0.1348, -0.0852] p 0.003 (Holm 0.011), n 3',
        '**supported** (in the claimed direction)',
      ],
      [
        'Mistake severity',
        'A − F',
        '-0.0200 [-0.0448, +0.0048] p 0.074 (Holm 0.148), n 3',
        '**undecided** (consistent with 0)',
      ],
      [
        'Mistake severity',
        'A − G',
        '+0.1100 [+0.0852, +0.1348] p 0.003 (Holm 0.011), n 3',
        '**contradicted** (opposite direction)',
      ],
      [
        'Mistake severity',
        'H − C',
        '+0.0200 [-0.0048, +0.0448] p 0.074 (Holm 0.148), n 3',
        '**undecided** (consistent with 0)',
      ],
    ]);
    // A family with one tested comparison prints no Holm p (it would equal the raw one).
    assert.equal(table.rows[6][2], '-0.0110 [-0.0135, -0.0085] p 0.003, n 3');
    assert.match(table.rows[7][2], /^– \(summary\.json has no test\.scaledExpectedCalibrationError for some runs/);
    assert.deepEqual(
      table.notes?.map((note) => note.split(':')[0]),
      ['Test accuracy', 'Mistake severity', 'ECE after temperature scaling'],
    );
    assert.match(table.notes![0], /\(\d\.\d\d points\)/);
    assert.doesNotMatch(table.notes![1], /points/);
  });
});

describe('mostAccurate', () => {
  it('the highest mean test accuracy among the listed methods that ran', () => {
    const runs = chosenBaselineRuns(baselineFixturePoints());
    assert.equal(mostAccurate(runs, ['soft-labels', 'hxe', 'tf-kd-virtual', 'dkd']), 'tf-kd-virtual');
    // F at its chosen setting has 0.61, G 0.619: G, although F's other setting reached 0.8 on test.
    assert.equal(mostAccurate(runs, ['soft-labels', 'hxe']), 'hxe');
    assert.equal(mostAccurate(runs, ['dkd']), undefined);
  });
});
