import type { FeaturesConfig } from '../config/types';
import { hierarchyByName } from '../hierarchy';
import {
  discoveredHierarchyName,
  isDiscoveredHierarchySpec,
  parseDiscoverySpec,
  referenceHierarchyNames,
} from '../hierarchy/discoverySpec';
import { planRuns } from '../pipeline/plan/planRuns';
import type { PreparedExperimentData } from '../pipeline/prepare/prepareData';
import type { PipelineRunSummary } from '../results/runSummary';
import type { StudyPart } from './studyParts';

/** Distinct runs a study plans (teachers and students shared across parts counted once). */
export interface StudyRunCounts {
  teachers: number;
  students: number;
  /** Student runs per part (before sharing across parts). */
  studentsByPart: Record<string, number>;
  /** Student runs with early stopping off (fixed length). */
  fixedLengthStudents: number;
}

/** A built-in hierarchy by name; a discovered one (unknown before the data) as the data set's hand-made one renamed after its derivation, so its runs count apart. */
function standInHierarchy(value: string, datasetKind: string) {
  if (!isDiscoveredHierarchySpec(value)) return hierarchyByName(value);
  return {
    ...hierarchyByName(referenceHierarchyNames[datasetKind]),
    name: discoveredHierarchyName(parseDiscoverySpec(value)),
  };
}

/** A feature set's width as far as the config tells (an encoder's is taken as 512, USE lite's). */
function standInWidth(features: FeaturesConfig): number {
  switch (features.kind) {
    case 'tfidf':
      return features.dimension;
    case 'concat':
      return features.parts.reduce((sum, part) => sum + standInWidth(part), 0);
    case 'pixels':
      return 784;
    default:
      return 512;
  }
}

/** One group of points that shares data, planned against its stand-in data. */
export interface PlannedDataGroup {
  part: StudyPart;
  /** The shared data (dataset, features, teacher features, hierarchy) as JSON: the chain teachers -> students. */
  dataKey: string;
  plan: ReturnType<typeof planRuns>;
}

/**
 * Plans each part's points per group that shares data against a stand-in (the hierarchy by
 * name, the features by their config), so run ids are those the real plan would give up to
 * the features' fingerprint.
 */
export function planStudyByData(parts: StudyPart[]): PlannedDataGroup[] {
  const planned: PlannedDataGroup[] = [];
  for (const part of parts) {
    const byData = new Map<string, typeof part.points>();
    for (const point of part.points) {
      const key = JSON.stringify([
        point.config.dataset,
        point.config.features,
        point.config.teacher.features ?? null,
        point.config.hierarchy,
      ]);
      byData.set(key, [...(byData.get(key) ?? []), point]);
    }
    for (const [dataKey, points] of byData) {
      const config = points[0].config;
      const stand = {
        hierarchy: standInHierarchy(config.hierarchy, config.dataset.kind),
        featuresId: { dataFingerprint: 'count', encoderId: JSON.stringify(config.features) },
        inputDimension: standInWidth(config.features),
        ...(config.teacher.features
          ? {
              teacherFeatures: {
                featuresId: { dataFingerprint: 'count', encoderId: JSON.stringify(config.teacher.features) },
                inputDimension: standInWidth(config.teacher.features),
              },
            }
          : {}),
      } as unknown as PreparedExperimentData;
      planned.push({ part, dataKey, plan: planRuns(points, stand, 'all', 'needed') });
    }
  }
  return planned;
}

/** Counts the distinct runs of a study's parts without data (see {@link planStudyByData}). */
export function countStudyRuns(parts: StudyPart[]): StudyRunCounts {
  const teachers = new Set<string>();
  const students = new Set<string>();
  const fixed = new Set<string>();
  const studentsByPart: Record<string, number> = Object.fromEntries(parts.map((part) => [part.name, 0]));
  for (const { part, plan } of planStudyByData(parts)) {
    plan.teachers.forEach((run) => teachers.add(run.runId));
    plan.students.forEach((run) => {
      students.add(run.runId);
      if (run.runConfig.training.earlyStopping === false) fixed.add(run.runId);
    });
    studentsByPart[part.name] += plan.students.length;
  }
  return { teachers: teachers.size, students: students.size, studentsByPart, fixedLengthStudents: fixed.size };
}

/** Seconds per training epoch of one network, measured from run summaries (stacked groups: the group's epoch time shared by its members). */
export function secondsPerEpoch(summaries: Array<Pick<PipelineRunSummary, 'epochsRun' | 'trainingSeconds'>>): number {
  const epochs = summaries.reduce((sum, summary) => sum + summary.epochsRun, 0);
  const seconds = summaries.reduce(
    (sum, summary) => sum + (Number.isFinite(summary.trainingSeconds) ? summary.trainingSeconds : 0),
    0,
  );
  return epochs > 0 ? seconds / epochs : Number.NaN;
}

/** What a study would cost, scaled from measured seconds per epoch. */
export interface CostEstimate {
  counts: StudyRunCounts;
  studentSecondsPerEpoch: number;
  teacherSecondsPerEpoch: number;
  /** Epochs assumed for an early-stopped run (fixed-length runs use their epochs). */
  assumedEpochs: number;
  fixedEpochs: number;
  /** Training rows the measurements were taken on, and the rows of the full study. */
  measuredRows: number;
  fullRows: number;
  seconds: number;
}

/**
 * Full-study cost: (students x epochs x student s/epoch + teachers x epochs x teacher s/epoch)
 * x fullRows / measuredRows. Per-epoch time is taken as linear in the rows (it is at full
 * size; on a smoke slice fixed per-batch overhead dominates, so the figure errs high).
 */
export function estimateStudyCost(
  counts: StudyRunCounts,
  measured: { students: PipelineRunSummary[]; teachers: PipelineRunSummary[]; rows: number },
  full: { rows: number; assumedEpochs: number; fixedEpochs: number },
): CostEstimate {
  const studentSecondsPerEpoch = secondsPerEpoch(measured.students);
  const teacherSecondsPerEpoch = secondsPerEpoch(measured.teachers);
  const scale = full.rows / measured.rows;
  const studentEpochs =
    (counts.students - counts.fixedLengthStudents) * full.assumedEpochs + counts.fixedLengthStudents * full.fixedEpochs;
  const seconds =
    (studentEpochs * studentSecondsPerEpoch + counts.teachers * full.assumedEpochs * teacherSecondsPerEpoch) * scale;
  return {
    counts,
    studentSecondsPerEpoch,
    teacherSecondsPerEpoch,
    assumedEpochs: full.assumedEpochs,
    fixedEpochs: full.fixedEpochs,
    measuredRows: measured.rows,
    fullRows: full.rows,
    seconds,
  };
}
