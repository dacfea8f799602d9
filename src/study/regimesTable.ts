/**
 * The few-label regimes table: one row per (labelled fraction, unlabelled-inputs mode); A and
 * B at their (T, a) chosen on validation within the regime; C in both modes of its fraction and
 * the comparisons against C made with the mode chosen on validation; D and E; paired tests by
 * seed with collapsed runs left out.
 */
import { formatMeanStd, mean } from '../metrics';
import type { ExperimentConfig } from '../config/types';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { PipelineRunSummary } from '../results/runSummary';
import { methodLetter, pairedFamilyTable, runsOf, type ResultTable } from '../results';
import { collapseMark } from './studyCollapse';
import { assignedValue, chosenPoint, methodRuns } from './studyTables';

const fractionKey = 'student.labelledFraction';
const modeKey = 'student.unlabelledInputs';

/** A regime: the labelled fraction and the unlabelled-inputs mode (one mode at fraction 1). */
export interface Regime {
  fraction: number;
  mode: string;
  /** The regime's (T, a) points (one when the part has no per-regime grid). */
  points: SweepPointRuns[];
}

/** The study's regimes points grouped by (fraction, mode), in the points' order. */
export function groupRegimes(points: SweepPointRuns[]): Regime[] {
  const regimes: Regime[] = [];
  for (const point of points) {
    const fraction = (assignedValue(point, fractionKey) as number | undefined) ?? 1;
    const mode = (assignedValue(point, modeKey) as string | undefined) ?? 'drop';
    const regime = regimes.find((candidate) => candidate.fraction === fraction && candidate.mode === mode);
    if (regime) regime.points.push(point);
    else regimes.push({ fraction, mode, points: [point] });
  }
  return regimes;
}

/** `0.25, distill`, or `all labels (1)` at fraction 1. */
export function regimeLabel(regime: Pick<Regime, 'fraction' | 'mode'>): string {
  return regime.fraction === 1 ? 'all labels (1)' : `${regime.fraction}, ${regime.mode}`;
}

/** A method that does not read T or a: its runs at the first of the regime's points that holds them. */
export function sharedRuns(regime: Regime, method: string): { point?: SweepPointRuns; runs: PipelineRunSummary[] } {
  const point = regime.points.find((candidate) => runsOf(candidate.summaries, method).length > 0);
  return { point, runs: point ? methodRuns(point, method) : [] };
}

/** A and B: the regime's point with the highest mean validation accuracy, its (T, a) and runs. */
export function chosenInRegime(
  regime: Regime,
  method: string,
): { point?: SweepPointRuns; setting: string; runs: PipelineRunSummary[] } {
  const point = chosenPoint(regime.points, method);
  if (!point) return { setting: '', runs: [] };
  const temperature = assignedValue(point, `methods.${method}.temperature`);
  const weight = assignedValue(point, `methods.${method}.studentLossWeight`);
  const setting = temperature === undefined ? '' : `T ${temperature}, a ${weight}`;
  return { point, setting, runs: methodRuns(point, method) };
}

/** C's better mode at a fraction: the mode with the higher mean VALIDATION accuracy ('drop' on ties: fewer steps). */
export function bestPlainMode(
  regimes: Regime[],
  fraction: number,
): { mode: string; runs: PipelineRunSummary[]; validation: number } | undefined {
  let best: { mode: string; runs: PipelineRunSummary[]; validation: number } | undefined;
  const candidates = regimes
    .filter((regime) => regime.fraction === fraction)
    .sort((first, second) => (first.mode === 'drop' ? -1 : second.mode === 'drop' ? 1 : 0));
  for (const regime of candidates) {
    const { runs } = sharedRuns(regime, 'plain');
    if (runs.length === 0) continue;
    const validation = mean(runs.map((run) => run.validation.accuracy));
    if (!best || validation > best.validation) best = { mode: regime.mode, runs, validation };
  }
  return best;
}

const cell = (runs: PipelineRunSummary[], point?: SweepPointRuns, method?: string) =>
  runs.length === 0
    ? ''
    : `${formatMeanStd(runs.map((run) => run.test.accuracy))}${point && method ? collapseMark(runsOf(point.summaries, method)) : ''}`;

/**
 * The regimes table: per regime the coarse and fine teachers, A and B at their (T, a) chosen on
 * validation in that regime, C in 'drop' and 'distill' (both at the regime's fraction), the C
 * mode chosen on validation (what every "- C" column compares with), D and E, and the paired
 * differences A - C, A - D, A - E, B - C, B - D over seeds (collapsed runs left out).
 */
export function regimesTable(points: SweepPointRuns[]): ResultTable {
  const regimes = groupRegimes(points);
  // One family: Holm over every paired comparison of the table, its minimal detectable effect under it.
  const family = pairedFamilyTable((run: PipelineRunSummary) => run.test.accuracy);
  const rows = regimes.map((regime) => {
    const heterogeneous = chosenInRegime(regime, 'heterogeneous');
    const traditional = chosenInRegime(regime, 'traditional');
    const modeRuns = (mode: string) => {
      const sibling = regimes.find((candidate) => candidate.fraction === regime.fraction && candidate.mode === mode);
      if (!sibling) return '';
      const { point, runs } = sharedRuns(sibling, 'plain');
      return cell(runs, point, 'plain');
    };
    const plain = bestPlainMode(regimes, regime.fraction);
    const coarseAuxiliary = sharedRuns(regime, 'coarse-auxiliary');
    const labelSmoothing = sharedRuns(regime, 'label-smoothing');
    const coarseTeacher = sharedRuns(regime, 'teacher-coarse');
    const fineTeacher = sharedRuns(regime, 'teacher-fine');
    const plainRuns = plain?.runs ?? [];
    return [
      regimeLabel(regime),
      cell(coarseTeacher.runs, coarseTeacher.point, 'teacher-coarse'),
      cell(fineTeacher.runs, fineTeacher.point, 'teacher-fine'),
      [heterogeneous.setting && `A ${heterogeneous.setting}`, traditional.setting && `B ${traditional.setting}`]
        .filter(Boolean)
        .join('; '),
      cell(heterogeneous.runs, heterogeneous.point, 'heterogeneous'),
      cell(traditional.runs, traditional.point, 'traditional'),
      regime.fraction === 1
        ? cell(sharedRuns(regime, 'plain').runs, sharedRuns(regime, 'plain').point, 'plain')
        : modeRuns('drop'),
      regime.fraction === 1 ? '' : modeRuns('distill'),
      plain ? (regime.fraction === 1 ? 'the only mode' : plain.mode) : '',
      cell(coarseAuxiliary.runs, coarseAuxiliary.point, 'coarse-auxiliary'),
      cell(labelSmoothing.runs, labelSmoothing.point, 'label-smoothing'),
      family.cell(heterogeneous.runs, plainRuns),
      family.cell(heterogeneous.runs, coarseAuxiliary.runs),
      family.cell(heterogeneous.runs, labelSmoothing.runs),
      family.cell(traditional.runs, plainRuns),
      family.cell(traditional.runs, coarseAuxiliary.runs),
    ];
  });
  const letter = methodLetter;
  return family.table({
    headers: [
      'Labelled fraction, unlabelled inputs',
      'Coarse teacher',
      'Fine teacher',
      'A and B (T, a) chosen on validation',
      'A heterogeneous KD',
      'B traditional KD',
      'C drop',
      'C distill',
      'C mode chosen on validation',
      'D coarse-label auxiliary',
      'E label smoothing',
      `${letter('heterogeneous')} - C chosen (paired t)`,
      `${letter('heterogeneous')} - ${letter('coarse-auxiliary')} (paired t)`,
      `${letter('heterogeneous')} - ${letter('label-smoothing')} (paired t)`,
      `${letter('traditional')} - C chosen (paired t)`,
      `${letter('traditional')} - ${letter('coarse-auxiliary')} (paired t)`,
    ],
    rows,
  });
}

/** The few-label protocol settings of the student role (their defaults when absent). */
interface ProtocolFields {
  labelledSubset?: 'per-seed' | 'shared';
  fineTeacherRows?: 'labelled' | 'all';
  coarseTeacherRows?: 'all' | 'labelled';
  validationRows?: 'scaled' | 'all';
}

/**
 * One sentence naming the few-label protocol of the regimes' configs: which rows the fine and
 * coarse teachers train on, which labelled subset, which validation rows (the student's
 * settings, their defaults when absent); distinct values over the points are joined by ' / '.
 */
export function protocolLine(configs: ExperimentConfig[]): string {
  const few = configs.filter((config) => (config.student.labelledFraction ?? 1) < 1);
  const values = <K extends keyof ProtocolFields>(key: K, fallback: NonNullable<ProtocolFields[K]>) => [
    ...new Set(few.map((config) => (config.student as ProtocolFields)[key] ?? fallback)),
  ];
  if (few.length === 0) return 'Protocol: every regime has all fine labels.';
  const rows = (values: string[]) =>
    values.map((value) => (value === 'all' ? 'every training row' : "the student's labelled rows")).join(' / ');
  const fine = rows(values('fineTeacherRows', 'labelled'));
  const coarse = rows(values('coarseTeacherRows', 'all'));
  const subset = values('labelledSubset', 'per-seed')
    .map((value) => (value === 'shared' ? 'one subset for every seed' : 'a subset per seed'))
    .join(' / ');
  const validation = values('validationRows', 'scaled')
    .map((value) => (value === 'all' ? 'the whole validation split' : 'a validation split scaled to the fraction'))
    .join(' / ');
  return `Protocol (fraction < 1): fine teacher (B's) on ${fine}; coarse teacher (A's) on ${coarse}; labelled rows: ${subset}; choices (T, a, C's mode, early stopping) on ${validation}.`;
}
