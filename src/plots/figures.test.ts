import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { epochCurvesFigure } from './curves';
import { classBalanceChart, meanStdBarChart } from './bars';
import { confusionMatrixHeatmap, normalizeRows } from './heatmap';
import { hierarchyFigure, hierarchyGroups } from './hierarchyChart';
import { projectionScatter } from './scatter';
import { softenedDistributionChart } from './softened';
import { imageGridFigure } from './images';
import { newsgroupsPaperHierarchy } from '../hierarchy';

describe('epochCurvesFigure', () => {
  it('makes one line trace per run with epochs 1..n', () => {
    const figure = epochCurvesFigure(
      [
        { name: 'teacher', values: [0.9, 0.5, 0.4] },
        { name: 'student', values: [1.2, 0.8], dash: 'dot' },
      ],
      { title: 'loss', yTitle: 'loss' },
    );
    assert.equal(figure.data.length, 2);
    assert.deepEqual(figure.data[0].x, [1, 2, 3]);
    assert.deepEqual(figure.data[1].y, [1.2, 0.8]);
    assert.deepEqual(figure.data[1].line, { dash: 'dot' });
    assert.equal(figure.data[0].mode, 'lines+markers');
    assert.deepEqual(figure.layout.title, { text: 'loss' });
  });
  it('rejects a NaN value and mismatched epochs, naming the series', () => {
    assert.throws(() => epochCurvesFigure([{ name: 'bad', values: [1, NaN] }]), /series "bad": value 1 is NaN/);
    assert.throws(
      () => epochCurvesFigure([{ name: 'short', values: [1, 2], epochs: [1] }]),
      /"short" has 2 values but 1 epochs/,
    );
  });
});

describe('meanStdBarChart', () => {
  it('groups bars by series with error bars', () => {
    const figure = meanStdBarChart([
      { name: 'student A', mean: 0.6, standardDeviation: 0.01, series: 'HKD' },
      { name: 'student B', mean: 0.55, standardDeviation: 0.02, series: 'HKD' },
      { name: 'student A', mean: 0.58, standardDeviation: 0.015, series: 'KD' },
    ]);
    assert.equal(figure.data.length, 2);
    assert.equal(figure.data[0].name, 'HKD');
    assert.deepEqual(figure.data[0].y, [0.6, 0.55]);
    assert.deepEqual((figure.data[0].error_y as { array: number[] }).array, [0.01, 0.02]);
    assert.deepEqual(figure.data[1].x, ['student A']);
    assert.equal(figure.layout.barmode, 'group');
  });
});

describe('classBalanceChart', () => {
  it('gives one trace per split and normalises to shares', () => {
    const figure = classBalanceChart(['a', 'b'], { train: [3, 1], test: [1, 1] }, { normalize: true });
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['train', 'test'],
    );
    assert.deepEqual(figure.data[0].y, [0.75, 0.25]);
    assert.deepEqual(figure.data[1].y, [0.5, 0.5]);
  });
  it('refuses counts that do not match the labels', () => {
    assert.throws(() => classBalanceChart(['a', 'b'], { train: [1, 2, 3] }), /"train" has 3 counts, expected 2/);
  });
});

describe('confusionMatrixHeatmap', () => {
  it('normalises rows and keeps labels on both axes', () => {
    assert.deepEqual(
      normalizeRows([
        [3, 1],
        [0, 0],
      ]),
      [
        [0.75, 0.25],
        [0, 0],
      ],
    );
    const figure = confusionMatrixHeatmap(
      [
        [3, 1],
        [2, 2],
      ],
      ['x', 'y'],
      { normalize: true },
    );
    assert.equal(figure.data[0].type, 'heatmap');
    assert.deepEqual(figure.data[0].z, [
      [0.75, 0.25],
      [0.5, 0.5],
    ]);
    assert.deepEqual(figure.data[0].x, ['x', 'y']);
    assert.equal(figure.data[0].zmax, 1);
  });
  it('refuses a matrix of the wrong size', () => {
    assert.throws(() => confusionMatrixHeatmap([[1, 2]], ['a', 'b']), /expected a 2 x 2 matrix/);
  });
});

describe('hierarchyFigure', () => {
  it('builds a sunburst whose group values sum their leaves', () => {
    const counts = newsgroupsPaperHierarchy.fineLabelNames.map((_, index) => index + 1);
    const figure = hierarchyFigure(hierarchyGroups(newsgroupsPaperHierarchy, counts));
    const trace = figure.data[0] as unknown as { type: string; ids: string[]; parents: string[]; values: number[] };
    assert.equal(trace.type, 'sunburst');
    assert.equal(trace.ids.length, 1 + 6 + 20);
    assert.equal(trace.values[0], (20 * 21) / 2);
    const religionIndex = trace.ids.indexOf('newsgroups-paper/F: religion');
    // F: religion holds alt.atheism (0), soc.religion.christian (15), talk.religion.misc (19): counts 1 + 16 + 20.
    assert.equal(trace.values[religionIndex], 37);
    assert.equal(trace.parents[religionIndex], 'newsgroups-paper');
    assert.equal(
      trace.parents[trace.ids.indexOf('newsgroups-paper/F: religion/alt.atheism')],
      'newsgroups-paper/F: religion',
    );
  });
  it('can draw a treemap and refuses a negative leaf', () => {
    const groups = { rootName: 'r', groups: [{ name: 'g', children: [{ name: 'a', value: 2 }] }] };
    assert.equal(hierarchyFigure(groups, { kind: 'treemap' }).data[0].type, 'treemap');
    groups.groups[0].children[0].value = -1;
    assert.throws(() => hierarchyFigure(groups), /leaf "a" has value -1/);
  });
});

describe('projectionScatter', () => {
  it('splits points into one trace per label, in label order', () => {
    const figure = projectionScatter(
      [
        [0, 1],
        [2, 3],
        [4, 5],
      ],
      [1, 0, 1],
      ['zero', 'one'],
    );
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['zero', 'one'],
    );
    assert.deepEqual(figure.data[1].x, [0, 4]);
    assert.deepEqual(figure.data[1].y, [1, 5]);
  });
  it('refuses a label out of range', () => {
    assert.throws(() => projectionScatter([[0, 0]], [2], ['a', 'b']), /label 2 of point 0 is not in 0..1/);
  });
});

describe('softenedDistributionChart', () => {
  it('draws one bar trace per temperature and checks each sums to 1', () => {
    const figure = softenedDistributionChart(
      ['a', 'b'],
      [
        { temperature: 1, probabilities: [0.9, 0.1] },
        { temperature: 4, probabilities: [0.6, 0.4] },
      ],
    );
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['T = 1', 'T = 4'],
    );
    assert.deepEqual(figure.data[1].y, [0.6, 0.4]);
    assert.throws(
      () => softenedDistributionChart(['a', 'b'], [{ temperature: 2, probabilities: [0.5, 0.6] }]),
      /T=2 sums to 1.1/,
    );
  });
});

describe('imageGridFigure', () => {
  it('reshapes each image row-major onto its own axes', () => {
    const figure = imageGridFigure(
      [
        [0, 1, 2, 3, 4, 5],
        [5, 4, 3, 2, 1, 0],
      ],
      3,
      2,
      ['first', 'second'],
      { columns: 2 },
    );
    assert.equal(figure.data.length, 2);
    assert.deepEqual(figure.data[0].z, [
      [0, 1, 2],
      [3, 4, 5],
    ]);
    assert.equal(figure.data[1].xaxis, 'x2');
    assert.ok(figure.layout.xaxis2);
    assert.equal((figure.layout.xaxis2 as { title: { text: string } }).title.text, 'second');
    assert.throws(() => imageGridFigure([[1, 2]], 3, 2, ['short']), /image 0 has 2 pixels, expected 3 x 2/);
  });

  it('reserves room under every row for the longest caption, so rows never overlap', () => {
    // 3 images in 2 columns = 2 rows; two-line captions: 2 * (10 + 4) + 8 = 36 px under each 100 px image.
    const image = [0, 0, 0, 0];
    const figure = imageGridFigure([image, image, image], 2, 2, ['a<br>→ x', 'b', 'c'], { columns: 2, cellSize: 100 });
    const yDomain = (axis: string) => (figure.layout[`yaxis${axis}`] as { domain: number[] }).domain;
    const plotHeight = 2 * 136;
    assert.equal(figure.layout.height, plotHeight + 20);
    assert.deepEqual(
      yDomain('').map((value) => Math.round(value * plotHeight)),
      [172, 272],
    );
    assert.deepEqual(
      yDomain('3').map((value) => Math.round(value * plotHeight)),
      [36, 136],
    );
    // The caption space of row 1 (136..172) lies between the rows.
    assert.equal((figure.layout.xaxis3 as { anchor: string }).anchor, 'y3');
    assert.equal((figure.layout.yaxis3 as { constrain: string }).constrain, 'domain');
    assert.throws(() => imageGridFigure([[1, 2]], 3, 2, ['short']), /image 0 has 2 pixels, expected 3 x 2/);
  });
});
