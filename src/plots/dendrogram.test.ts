import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dendrogramFigure, dendrogramLayout } from './dendrogram';

// Points 0, 1, 5, 7 on a line, average linkage: {0,1} at 1, {2,3} at 2, all at 5.5.
const merges = [
  { left: 0, right: 1, distance: 1, size: 2 },
  { left: 2, right: 3, distance: 2, size: 2 },
  { left: 4, right: 5, distance: 5.5, size: 4 },
];

describe('dendrogram', () => {
  it('lays out leaves depth-first and each merge as a U at its distance', () => {
    const layout = dendrogramLayout(merges, 4);
    assert.deepEqual(layout.leafOrder, [0, 1, 2, 3]);
    assert.deepEqual(
      layout.links.map((link) => [link.x, link.y]),
      [
        [
          [0, 0, 1, 1],
          [0, 1, 1, 0],
        ],
        [
          [2, 2, 3, 3],
          [0, 2, 2, 0],
        ],
        [
          [0.5, 0.5, 2.5, 2.5],
          [1, 5.5, 5.5, 2],
        ],
      ],
    );
    // Leaves reorder when the tree says so: merge (3, 0) first puts 3 left of 0.
    assert.deepEqual(
      dendrogramLayout(
        [
          { left: 3, right: 0, distance: 1, size: 2 },
          { left: 4, right: 1, distance: 2, size: 3 },
          { left: 5, right: 2, distance: 3, size: 4 },
        ],
        4,
      ).leafOrder,
      [3, 0, 1, 2],
    );
  });

  it('colours links inside a group, greys links between groups, draws the cut', () => {
    const figure = dendrogramFigure(merges, {
      labelNames: ['a', 'b', 'c', 'd'],
      fineToCoarse: [0, 0, 1, 1],
      groupNames: ['left', 'right'],
      cutGroups: 2,
    });
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['left', 'right', 'between groups'],
    );
    assert.deepEqual(figure.data[2].line, { color: '#888888' });
    assert.deepEqual((figure.layout.xaxis as { ticktext: string[] }).ticktext, ['a', 'b', 'c', 'd']);
    // Cut between the 2nd merge (2) and the 3rd (5.5).
    assert.equal((figure.layout.shapes as Array<{ y0: number }>)[0].y0, 3.75);
  });

  it('grows the bottom margin with the longest leaf name so that slanted names are not clipped', () => {
    const margin = (labelNames: string[]) =>
      (dendrogramFigure(merges, { labelNames }).layout.margin as { b: number }).b;
    assert.equal(margin(['a', 'b', 'c', 'd']), 110);
    // 24 characters at about 7 px each, slanted 40 degrees: 24 * 7 * sin 40° ≈ 108 px, plus 30.
    assert.equal(margin(['comp.sys.ibm.pc.hardware', 'b', 'c', 'd']), 138);
    assert.equal(
      (dendrogramFigure(merges, { labelNames: ['a', 'b', 'c', 'd'] }).layout.xaxis as { automargin: boolean })
        .automargin,
      true,
    );
  });

  it('pads the axes so edge leaves and a merge at distance 0 stay inside the plot', () => {
    const figure = dendrogramFigure(
      [
        { left: 0, right: 1, distance: 0, size: 2 },
        { left: 3, right: 2, distance: 2, size: 3 },
      ],
      { labelNames: ['a', 'b', 'c'] },
    );
    const { xaxis, yaxis } = figure.layout as Record<string, { range: number[]; zeroline?: boolean }>;
    // Leaves at x 0..2, with room on both sides; y from below the zero-height link to above the root.
    assert.deepEqual(xaxis.range, [-0.6, 2.6]);
    assert.ok(Math.abs(yaxis.range[0] + 0.12) < 1e-12 && Math.abs(yaxis.range[1] - 2.12) < 1e-12);
    assert.equal(yaxis.zeroline, false);
  });

  it('rejects a tree that does not fit the labels', () => {
    assert.throws(() => dendrogramLayout(merges, 5), /a tree over 5 leaves has 4 merges, got 3/);
    assert.throws(
      () => dendrogramFigure(merges, { labelNames: ['a', 'b', 'c', 'd'], cutGroups: 1 }),
      /cutGroups must be an integer in 2\.\.4/,
    );
    assert.throws(
      () =>
        dendrogramLayout(
          [
            { left: 0, right: 0, distance: 1, size: 2 },
            { left: 4, right: 1, distance: 1, size: 3 },
            { left: 5, right: 2, distance: 1, size: 4 },
          ],
          4,
        ),
      /do not cover every leaf/,
    );
  });
});
