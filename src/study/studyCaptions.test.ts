import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classGainSentence,
  coincidingCurvesSentence,
  fewLabelSentence,
  gridFinding,
  lastEpochSentence,
  pairedIntervalsSentence,
} from './studyCaptions';

describe('study captions: sentences computed from the charted data', () => {
  const grid = {
    values: [
      [0.4, 0.45],
      [0.7, Number.NaN],
    ],
    temperatures: [2, 28],
    weights: [0.2, 0.3],
  };

  it('the grid: chosen cell in the title, range, and where paper 1 falls', () => {
    const inside = gridFinding(
      grid,
      'A',
      { temperature: 28, studentLossWeight: 0.2 },
      {
        temperature: 2,
        studentLossWeight: 0.3,
      },
    );
    assert.equal(inside.title, 'A: validation accuracy is highest at T 28, a 0.2');
    assert.match(inside.caption, /ranges from 0\.4000 to 0\.7000/);
    assert.match(inside.caption, /\(T 28, a 0\.2, 0\.7000\)/);
    assert.match(inside.caption, /Paper 1's choice \(T 2, a 0\.3, dashed outline\) scores 0\.4500 here/);
    const outside = gridFinding(
      grid,
      'A',
      { temperature: 28, studentLossWeight: 0.2 },
      {
        temperature: 23,
        studentLossWeight: 0.2,
      },
    );
    assert.match(outside.caption, /Paper 1's choice \(T 23, a 0\.2\) is not in this grid/);
    assert.match(gridFinding(grid, 'A', undefined, undefined).title, /no grid cell has a run/);
  });

  it('curves: names the pairs that coincide, and the last epoch leader', () => {
    const curves = [
      { name: 'A', mean: [0.3, 0.5] },
      { name: 'C', mean: [0.2, 0.4] },
      { name: 'E', mean: [0.201, 0.398] },
    ];
    assert.equal(
      coincidingCurvesSentence(curves),
      'These curves lie on top of each other: C and E (at most 0.0020 apart); ' +
        'their dash styles and markers tell them apart.',
    );
    assert.equal(coincidingCurvesSentence(curves.slice(0, 2)), '');
    assert.equal(
      lastEpochSentence(curves),
      'After the last epoch A has the highest mean test accuracy (0.5000) and E the lowest (0.3980).',
    );
  });

  it('few labels: leader per mode at the smallest fraction, and C distill − C drop', () => {
    const line = (method: string, name: string, mode: string, means: number[]) => ({
      method,
      name,
      mode,
      fractions: [0.1, 0.5, 1],
      means,
      standardDeviations: [0, 0, 0],
    });
    const sentence = fewLabelSentence([
      line('heterogeneous', 'A', 'drop', [0.3, 0.4, 0.5]),
      line('plain', 'C', 'drop', [0.25, 0.4, 0.5]),
      line('heterogeneous', 'A', 'distill', [0.33, 0.4, 0.5]),
      line('plain', 'C', 'distill', [0.35, 0.4, 0.5]),
    ]);
    assert.equal(
      sentence,
      'At the smallest labelled fraction (0.1): with drop A leads (0.3000), with distill C leads (0.3500); ' +
        'C distill − C drop = +0.1000 with the same labels.',
    );
    const allLabels = { ...line('plain', 'C', 'drop', [0.5]), fractions: [1] };
    assert.equal(fewLabelSentence([allLabels]), '', 'no fraction below 1: nothing to say');
  });

  it('paired intervals: above, below, and across 0', () => {
    const sentence = pairedIntervalsSentence([
      { name: 'A − C', differences: [0.02, 0.03, 0.04] },
      { name: 'A − B', differences: [-0.02, 0.03, 0.0] },
      { name: 'B − C', differences: [-0.02, -0.03, -0.025] },
    ]);
    assert.equal(
      sentence,
      'Over 3 seeds, the 95 % interval of A − C lies above 0 (the first is better); ' +
        'the 95 % interval of B − C lies below 0 (the second is better); ' +
        'the 95 % interval of A − B contains 0 (no evidence of a difference).',
    );
    assert.match(pairedIntervalsSentence([{ name: 'x', differences: [0.1] }]), /no interval/);
    assert.equal(
      pairedIntervalsSentence([
        { name: 'A − B', differences: [-0.02, 0.03] },
        { name: 'A − C', differences: [0.01, -0.01] },
      ]),
      'Over 2 seeds, the 95 % intervals of A − B, A − C contain 0 (no evidence of a difference).',
    );
  });

  it('per-class gains: wins, largest gain and loss', () => {
    assert.equal(
      classGainSentence(['a', 'b', 'c'], { name: 'A', means: [0.5, 0.4, 0.9] }, { name: 'C', means: [0.4, 0.45, 0.9] }),
      'A has the higher mean F1 in 1 of 3 classes; largest gain a (+0.100), largest loss b (−0.050).',
    );
  });
});
