import { professorLogitsProvider, type ProfessorRunConfigEntries } from './professorLogits';
import type { TargetProvider } from './provider';
import { selfTeacherLogitsProvider } from './selfTeacherLogits';
import { teacherLogitsProvider } from './teacherLogits';
import type { TargetKind } from './targetNeeds';

/** The providers of every target kind, in the order their targets are computed (a professor refines the teacher's logits). */
export const targetProviders: readonly TargetProvider[] = [
  teacherLogitsProvider,
  professorLogitsProvider,
  selfTeacherLogitsProvider,
];

/** The entries target providers may add to a run's config (see TargetProvider.runConfigEntries). */
export type ProviderRunConfigEntries = ProfessorRunConfigEntries;

/** The provider of a target kind. */
export function targetProvider(kind: TargetKind): TargetProvider {
  const provider = targetProviders.find((candidate) => candidate.kind === kind);
  if (!provider)
    throw new Error(
      `no provider for targets of kind "${kind}"; known: ${targetProviders.map((candidate) => candidate.kind).join(', ')}`,
    );
  return provider;
}
