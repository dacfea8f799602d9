/**
 * Paper 1: Yu & Kim (2022), heterogeneous knowledge distillation on 20 Newsgroups. Its
 * reported single-run figures (Tables 3 and 4), its chosen distillation settings, and the
 * claims the report tests against our runs.
 */
import {
  claimWithEvidence,
  coarseTeacherComparison,
  reportedDifference,
  sharedComparisons,
  type PaperClaim,
} from './paperClaim';

/** Short name in tables and headings. */
export const paper1Name = 'paper 1';

/** Paper 1's reported single-run figures (Tables 3 and 4), for reference columns. */
export const paper1Reference = {
  teachers: {
    'teacher-coarse': { accuracy: 0.7822, parameters: 1_045_378 },
    'teacher-fine': { accuracy: 0.598, parameters: 1_046_288 },
  },
  students: {
    heterogeneous: { accuracy: 0.5861, macroF1: 0.5668 },
    traditional: { accuracy: 0.5837, macroF1: 0.5643 },
    plain: { accuracy: 0.5781, macroF1: 0.5623 },
  },
} as const;

/** Paper 1's chosen settings (its Tables 3-4): A a = 0.3, T = 28; B a = 0.2, T = 23. */
export const paper1Choices: Record<string, { temperature: number; studentLossWeight: number }> = {
  heterogeneous: { temperature: 28, studentLossWeight: 0.3 },
  traditional: { temperature: 23, studentLossWeight: 0.2 },
};

const students = paper1Reference.students;
const teachers = paper1Reference.teachers;

/** Paper 1's claims (and our control's), in the order of the write-up. */
export const paper1Claims: PaperClaim[] = [
  claimWithEvidence(
    coarseTeacherComparison(
      'A teacher trained on the coarse groups is more accurate (on its own labels) than one trained on the 20 fine classes',
    ),
    `${teachers['teacher-coarse'].accuracy} vs ${teachers['teacher-fine'].accuracy}`,
    reportedDifference(teachers['teacher-coarse'].accuracy, teachers['teacher-fine'].accuracy),
  ),
  claimWithEvidence(
    sharedComparisons['a-beats-c-accuracy'],
    `${students.heterogeneous.accuracy} vs ${students.plain.accuracy}`,
    reportedDifference(students.heterogeneous.accuracy, students.plain.accuracy),
  ),
  claimWithEvidence(
    sharedComparisons['a-beats-b-accuracy'],
    `${students.heterogeneous.accuracy} vs ${students.traditional.accuracy}`,
    reportedDifference(students.heterogeneous.accuracy, students.traditional.accuracy),
  ),
  {
    id: 'b-beats-c-accuracy',
    statement: 'B (traditional KD) is more accurate than C (plain student)',
    paperEvidence: `${students.traditional.accuracy} vs ${students.plain.accuracy}`,
    first: 'traditional',
    second: 'plain',
    metric: 'accuracy',
    direction: 'greater',
    paperEffect: reportedDifference(students.traditional.accuracy, students.plain.accuracy),
  },
  {
    id: 'a-beats-c-macro-f1',
    statement: 'A has a higher macro-F1 than C',
    paperEvidence: `${students.heterogeneous.macroF1} vs ${students.plain.macroF1}`,
    first: 'heterogeneous',
    second: 'plain',
    metric: 'macroF1',
    direction: 'greater',
    paperEffect: reportedDifference(students.heterogeneous.macroF1, students.plain.macroF1),
  },
  {
    id: 'a-faster-than-c',
    statement: 'A reaches the target test accuracy in fewer epochs than C',
    paperEvidence: 'paper 1: the heterogeneous student learns faster (its learning curves)',
    first: 'heterogeneous',
    second: 'plain',
    metric: 'epochsToTarget',
    direction: 'less',
  },
  claimWithEvidence(sharedComparisons['a-beats-d-accuracy'], 'not in paper 1 (our control)'),
];
