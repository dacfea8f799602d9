import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerLead, baselineAnswers, baselineAnswersByRegime, baselineAnswersSection } from './baselineAnswers';
import { baselineComparisonFamilies } from './baselineComparisons';
import { baselineFixturePoints } from './fixtures/baselineRuns';
import { fixtureSummary } from './fixtures/runSummaries';

describe('answerLead', () => {
  const [accuracy, severity, calibration] = baselineComparisonFamilies(baselineFixturePoints()).map(
    (family) => family.results,
  );
  // Severity verdicts: A − C supported, A − F undecided, A − G contradicted, H − C undecided.
  const [againstC, againstF, againstG, bestAgainstC] = severity;

  it('reads the verdicts: all supported, all contradicted, all undecided, mixed, none tested', () => {
    assert.equal(answerLead([againstC]), 'Yes');
    assert.equal(answerLead([againstG]), 'No, the reverse');
    assert.equal(answerLead([againstF, bestAgainstC]), 'Not detectably');
    assert.equal(answerLead([againstC, againstF]), 'Partly');
    assert.equal(answerLead(accuracy), 'Partly');
    assert.equal(answerLead(calibration.slice(1)), 'Cannot be tested here');
    // Untested comparisons do not count: the one tested is supported.
    assert.equal(answerLead(calibration), 'Yes');
  });
});

describe('baselineAnswers', () => {
  it('one sentence per question, every number and verdict from the paired families', () => {
    assert.deepEqual(baselineAnswers(baselineFixturePoints()), [
      '- **Does the coarse teacher (A) beat the hierarchy-aware losses that need no teacher (F, G)?** Partly: ' +
        'test accuracy A − F +0.0200 [-0.0048, +0.0448] p 0.074 (Holm 0.074), n 3: **undecided**; ' +
        'test accuracy A − G +0.0110 [+0.0085, +0.0135] p 0.003 (Holm 0.005), n 3: **supported**.',
      '- **Does A make better mistakes (lower mistake severity) than C, F and G?** Partly: ' +
        'severity A − C -0.1100 [-0.1348, -0.0852] p 0.003 (Holm 0.011), n 3: **supported**; ' +
        'severity A − F -0.0200 [-0.0448, +0.0048] p 0.074 (Holm 0.148), n 3: **undecided**; ' +
        'severity A − G +0.1100 [+0.0852, +0.1348] p 0.003 (Holm 0.011), n 3: **contradicted**.',
      '- **Is A better calibrated than C after temperature scaling?** Yes: ' +
        'ECE after scaling A − C -0.0110 [-0.0135, -0.0085] p 0.003, n 3: **supported**.',
      // H − A: 0.03, 0.02, 0.02: mean 0.0233, t 7 on 2 df, p 1 - 7 / sqrt(51) = 0.020.
      '- **Which method is the most accurate?** All labels: H teacher-free KD, virtual teacher (Tf-KD reg) ' +
        '(0.6533 ± 0.0058), ahead of the runner-up A heterogeneous KD (0.6300 ± 0.0100) by ' +
        '+0.0233 [+0.0090, +0.0377] p 0.020, n 3: distinguishable: the paired 95 % interval excludes 0. ' +
        'The most accurate baseline, H, against C: severity H − C +0.0200 [-0.0048, +0.0448] p 0.074 ' +
        '(Holm 0.148), n 3: **undecided**; ECE after scaling H − C: **cannot be tested here** (missing runs).',
    ]);
  });

  it('a best method the runner-up cannot be told from, and the regime named', () => {
    // H 0.63, 0.64, 0.63 against A 0.62, 0.63, 0.64: differences 0.01, 0.01, -0.01: mean
    // 0.0033, sd 0.0115, t 0.5 on 2 df, p 1 - 0.5 / sqrt 2.25 = 0.667, interval 0.0033 ± 4.3027 · 0.0067.
    const [best] = baselineAnswers(baselineFixturePoints([0.63, 0.64, 0.63]), '10 % of the labels').slice(-1);
    assert.match(
      best,
      /^- \*\*Which method is the most accurate\?\*\* 10 % of the labels: H .* \(0\.6333 ± 0\.0058\), ahead of the runner-up A heterogeneous KD \(0\.6300 ± 0\.0100\) by \+0\.0033 \[-0\.0254, \+0\.0320\] p 0\.667, n 3: not distinguishable: the paired 95 % interval holds 0\./,
    );
  });

  it('a best method by mean that trails the runner-up on the seeds both ran says so', () => {
    // H 0.605, 0.62, 0.63 and a seed 4 at 0.99 that A lacks: H's mean 0.7113 leads, but H − A over
    // seeds 1-3 is -0.015, -0.01, -0.01 (t -7 on 2 df, p 0.020).
    const points = baselineFixturePoints([0.605, 0.62, 0.63]).map((point) => ({
      ...point,
      summaries: [...point.summaries, fixtureSummary('tf-kd-virtual', 4, { validation: 0.6, test: 0.99 })],
    }));
    const [best] = baselineAnswers(points).slice(-1);
    assert.match(
      best,
      /\(0\.6300 ± 0\.0100\) by -0\.0117 \[-0\.0188, -0\.0045\] p 0\.020, n 3: on the seeds both kept the runner-up is ahead/,
    );
  });

  it('no answers and no section without the part', () => {
    assert.deepEqual(baselineAnswers([]), []);
    assert.deepEqual(baselineAnswersSection([]), []);
  });

  it('the section: the families table, then the answers', () => {
    const section = baselineAnswersSection(baselineFixturePoints()).join('\n');
    assert.match(
      section,
      /\| Mistake severity \| A − G \| \+0\.1100 .* \| \*\*contradicted\*\* \(opposite direction\) \|/,
    );
    assert.ok(section.indexOf('### Answers') > section.indexOf('| Score |'));
    assert.match(section, /- \*\*Is A better calibrated than C after temperature scaling\?\*\* Yes:/);
  });

  it('per regime when the part ran several: each regime named, its own families and answers', () => {
    const fewLabels = baselineFixturePoints([0.63, 0.64, 0.63]).map((point) => ({
      ...point,
      label: `0.1, distill: ${point.label}`,
      assignments: { 'student.labelledFraction': 0.1, 'student.unlabelledInputs': 'distill', ...point.assignments },
    }));
    const points = [...fewLabels, ...baselineFixturePoints()];
    const byRegime = baselineAnswersByRegime(points);
    // All labels first (whatever the points' order), then the few-label regimes; one blank line between, none after.
    assert.equal(byRegime[0], 'All labels:');
    assert.deepEqual(byRegime.slice(2, 6), baselineAnswers(baselineFixturePoints()));
    assert.equal(byRegime[6], '');
    assert.equal(byRegime[7], '10 % of the labels, unlabelled inputs distilled:');
    assert.match(
      byRegime[12],
      /^- \*\*Which method is the most accurate\?\*\* 10 % of the labels, unlabelled inputs distilled: .* p 0\.667, n 3: not distinguishable/,
    );
    assert.equal(byRegime.length, 13);
    const section = baselineAnswersSection(points);
    assert.deepEqual(
      section.filter((line) => line.startsWith('####')),
      ['#### All labels', '#### 10 % of the labels, unlabelled inputs distilled'],
    );
    // One regime: no regime headings, the answers under their own heading.
    assert.ok(baselineAnswersSection(baselineFixturePoints()).includes('### Answers'));
  });
});
