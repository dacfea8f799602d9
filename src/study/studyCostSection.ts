/**
 * The study report's "Cost" section: per part its points, distinct runs, the training time
 * its runs recorded and this call's wall time; then the full study's planned runs and the
 * time they would take here, scaled from the measured seconds per epoch.
 */
import { renderMarkdown } from '../results';
import { distinctRuns } from '../pipeline/sweepSummary';
import { formatDuration } from '../util/progress';
import type { StudyPartResult } from './studyParts';
import type { CostEstimate } from './studyCost';

/** The section's markdown lines. */
export function costSection(parts: StudyPartResult[], cost: CostEstimate): string[] {
  const lines: string[] = [];
  const estimated = Number.isFinite(cost.seconds);
  lines.push(
    '## Cost',
    '',
    renderMarkdown({
      headers: ['Part', 'Points', 'Runs', 'Training time of its runs', 'Wall time of this call'],
      rows: parts.map((result) => {
        const runs = distinctRuns(result.points);
        return [
          result.part.name,
          String(result.points.length),
          String(runs.length),
          formatDuration(runs.reduce((sum, run) => sum + run.trainingSeconds, 0)),
          formatDuration(result.seconds),
        ];
      }),
    }),
    '',
    "Training time sums the runs' recorded training seconds (a stacked group's time shared among its members; a run that serves several parts counts in each); the wall time is what this call took, short where it reused finished runs.",
    '',
    `The full study plans ${cost.counts.teachers} teacher and ${cost.counts.students} student runs (${Object.entries(
      cost.counts.studentsByPart,
    )
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}; shared runs counted once in the total). ` +
      (estimated
        ? `Measured here: ${cost.studentSecondsPerEpoch.toFixed(3)} s per student epoch and ${cost.teacherSecondsPerEpoch.toFixed(3)} s per teacher epoch on ${cost.measuredRows} training rows (stacked groups share an epoch's time among their members). ` +
          `Scaled linearly to ${cost.fullRows} rows with ${cost.assumedEpochs} epochs per early-stopped run and ${cost.fixedEpochs} per fixed-length one: about **${formatDuration(cost.seconds)}** on this machine (a rough estimate: per-epoch time taken as linear in the rows, measured on a small slice where per-batch overhead weighs more).`
        : 'No time estimate: it scales from the curves part, which this call did not run (the cost model printed before the study prices every part).'),
    '',
  );
  return lines;
}
