import type { MethodDefinition } from '../../methods/registry';

/**
 * The kinds of derived training targets: a teacher's logits on the training split
 * (`teacher-logits`), and those logits refined by a professor (`professor-logits`).
 * Each kind has one provider (src/pipeline/targets/providers.ts).
 */
export type TargetKind = 'teacher-logits' | 'professor-logits';

/** One derived target a student run trains on. */
export interface TargetNeed {
  kind: TargetKind;
  /** The label space of the teacher the target derives from. */
  teacher: 'coarse' | 'fine';
}

/** The registry fields a method's target needs are derived from. */
export type TargetDeclaringMethod = Pick<MethodDefinition, 'name' | 'teacher' | 'professor'>;

/**
 * The derived targets a student method trains on, in the order they are computed, read
 * from its registry entry: `teacher` 'coarse' or 'fine' needs that teacher's logits;
 * `professor: true` also needs the professor's refinement of them. A teacher role (no
 * method) or a method with `teacher: 'none'` needs none.
 */
export function targetNeedsOf(method: TargetDeclaringMethod | undefined): TargetNeed[] {
  if (!method) return [];
  if (method.teacher === 'none') {
    if (method.professor)
      throw new Error(
        `method ${method.name}: a professor refines a teacher's logits, so the method needs teacher "coarse" or "fine", not "none"`,
      );
    return [];
  }
  const needs: TargetNeed[] = [{ kind: 'teacher-logits', teacher: method.teacher }];
  if (method.professor) needs.push({ kind: 'professor-logits', teacher: method.teacher });
  return needs;
}
