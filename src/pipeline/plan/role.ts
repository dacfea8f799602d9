/** Which network a run trains. */
export type Role =
  | { kind: 'teacher'; target: 'coarse' | 'fine' }
  /** A student of a registered method (src/methods). */
  | { kind: 'student'; method: string };

/** A short, stable name for a role: teacher-coarse, teacher-fine, heterogeneous, ... */
export function roleName(role: Role): string {
  return role.kind === 'teacher' ? `teacher-${role.target}` : role.method;
}
