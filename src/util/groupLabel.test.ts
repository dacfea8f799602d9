import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupLabel, type GroupMember } from './groupLabel';

const grid = (names: string[], seeds: number[]): GroupMember[] =>
  seeds.flatMap((seed) => names.map((name) => ({ name, seed })));

test('groupLabel: methods A-E over 5 seeds name every method, not the first member', () => {
  assert.equal(
    groupLabel(grid(['A', 'B', 'C', 'D', 'E'], [1, 2, 3, 4, 5]), 'students'),
    'group of 25 students: A, B, C, D, E x 5 seeds',
  );
});

test('groupLabel: methods on different seeds are listed by their seed counts', () => {
  const members = [...grid(['A', 'B'], [1, 2, 3]), ...grid(['C'], [1, 2])];
  assert.equal(groupLabel(members, 'students'), 'group of 8 students: A, B x 3 seeds; C x 2 seeds');
  assert.equal(groupLabel(grid(['A', 'P1-A'], [7]), 'students'), 'group of 2 students: A, P1-A x seed 7');
});

test('groupLabel: several members per method and seed (sweep points) are counted as settings', () => {
  const members = [...grid(['A'], [1, 2]), ...grid(['A'], [1, 2]), ...grid(['A'], [1, 2])];
  assert.equal(groupLabel(members, 'students'), 'group of 6 students: A (3 settings) x 2 seeds');
  assert.equal(
    groupLabel(grid(['teacher-coarse', 'teacher-fine'], [1, 2]), 'teachers'),
    'group of 4 teachers: teacher-coarse, teacher-fine x 2 seeds',
  );
});
