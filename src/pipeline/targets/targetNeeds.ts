import { teacherFreeTargetKinds } from '../../methods/definition';
import type { MethodDefinition } from '../../methods/registry';

/**
 * A kind of derived training target, named by its provider (src/pipeline/targets/providers.ts):
 * built in, a teacher's logits on the training split (`teacher-logits`) and those logits
 * refined by a professor (`professor-logits`). A method declares the kinds it reads beyond
 * the teacher's logits in its registry entry (`derivedTargets`).
 */
export type TargetKind = string;

/** One derived target a student run trains on. */
export interface TargetNeed {
  kind: TargetKind;
  /** The label space of the teacher the target derives from. */
  teacher: 'coarse' | 'fine';
}

/** The registry fields a method's target needs are derived from. */
export type TargetDeclaringMethod = Pick<MethodDefinition, 'name' | 'teacher' | 'derivedTargets'>;

/**
 * The derived targets a student method trains on, in the order they are computed, read
 * from its registry entry: `teacher` 'coarse' or 'fine' needs that teacher's logits, then
 * each kind in `derivedTargets` (built on them, e.g. `professor-logits`). A teacher role
 * (no method) or a method with `teacher: 'none'` needs none.
 */
export function targetNeedsOf(method: TargetDeclaringMethod | undefined): TargetNeed[] {
  if (!method) return [];
  const derived = method.derivedTargets ?? [];
  if (method.teacher === 'none') {
    const onTeacher = derived.filter((kind) => !teacherFreeTargetKinds.includes(kind));
    if (onTeacher.length > 0)
      throw new Error(
        `method ${method.name}: its derived targets (${onTeacher.join(', ')}) build on a teacher's logits, so the method needs teacher "coarse" or "fine", not "none"`,
      );
    // Teacher-free kinds (a plain twin's logits) are in the student's own, fine label space.
    return derived.map((kind) => ({ kind, teacher: 'fine' as const }));
  }
  const teacher = method.teacher;
  return [{ kind: 'teacher-logits', teacher }, ...derived.map((kind) => ({ kind, teacher }))];
}
