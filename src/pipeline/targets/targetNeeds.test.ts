import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { methodByName, registeredMethods } from '../../methods/registry';
import { targetNeedsOf } from './targetNeeds';

describe('the targets a method needs, from its registry entry', () => {
  it("distillation methods need their teacher's logits; professor methods also the refinement; the rest nothing", () => {
    const expected: Record<string, string[]> = {
      heterogeneous: ['teacher-logits coarse'],
      traditional: ['teacher-logits fine'],
      plain: [],
      'coarse-auxiliary': [],
      'label-smoothing': [],
      'professor-heterogeneous': ['teacher-logits coarse', 'professor-logits coarse'],
      'professor-dual-heterogeneous': ['teacher-logits coarse', 'professor-logits coarse'],
      'professor-traditional': ['teacher-logits fine', 'professor-logits fine'],
      'professor-dual-traditional': ['teacher-logits fine', 'professor-logits fine'],
      dkd: ['teacher-logits fine'],
      'dkd-coarse': ['teacher-logits coarse'],
      'composed-teacher': ['teacher-logits coarse'],
      'composed-teacher-uniform': ['teacher-logits coarse'],
      'soft-labels': [],
      hxe: [],
      'tf-kd-virtual': [],
      // No teacher: the plain student's logits, in the fine label space.
      'tf-kd-self': ['self-logits fine'],
    };
    for (const [name, needs] of Object.entries(expected)) {
      assert.deepEqual(
        targetNeedsOf(methodByName(name)).map((need) => `${need.kind} ${need.teacher}`),
        needs,
        name,
      );
    }
    // Every registered method is covered above (a new one must say what it needs).
    assert.deepEqual(
      registeredMethods()
        .map((method) => method.name)
        .filter((name) => !(name in expected)),
      [],
    );
  });

  it('teacher roles need nothing; a professor without a teacher is refused by name', () => {
    assert.deepEqual(targetNeedsOf(undefined), []);
    assert.throws(
      () => targetNeedsOf({ name: 'lonely-professor', teacher: 'none', derivedTargets: ['professor-logits'] }),
      /method lonely-professor: its derived targets \(professor-logits\) build on a teacher's logits, so the method needs teacher "coarse" or "fine", not "none"/,
    );
  });
});
