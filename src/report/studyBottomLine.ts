/**
 * The bottom line's sentence from a shipped study: paper 1's accuracy claims judged again with
 * A and B at the settings the study's T x a grid chose on validation (not paper 1's settings),
 * by the one claims engine, on the study bundle's own runs.
 */
import * as path from 'node:path';
import { paperFor } from '../papers';
import { methodRunDirectories, type SweepPointRuns } from '../pipeline/sweepSummary';
import { datasetKindOf, evaluatePaperClaims, loadExperimentResults } from '../results';
import { chosenPoint, pointSettings } from '../study/studyTables';
import { claimSentence } from './bottomLine';

/** The claims the tuned sentence judges: the students' ordering on test accuracy. */
const orderingClaims = [
  ['a-beats-c-accuracy', 'A − C'],
  ['a-beats-b-accuracy', 'A − B'],
  ['b-beats-c-accuracy', 'B − C'],
] as const;

/** Run folder names of one method's runs at a grid point. */
function methodFolders(point: SweepPointRuns, method: string): string[] {
  return methodRunDirectories(point, method).flatMap((directory) => (directory ? [path.basename(directory)] : []));
}

/**
 * "**Tuned on validation** (...): A − C ...; A − B ...; B − C ..." for a study bundle whose grid
 * part is `gridPoints`: A's and B's runs at their chosen points, C's from the grid (C does not
 * read T or a), the three claims one Holm family. Undefined without a chosen A and B.
 */
export async function tunedOrderingSentence(bundle: string, gridPoints: SweepPointRuns[]): Promise<string | undefined> {
  const chosenA = chosenPoint(gridPoints, 'heterogeneous');
  const chosenB = chosenPoint(gridPoints, 'traditional');
  if (!chosenA || !chosenB) return undefined;
  const runFolders = [
    ...methodFolders(chosenA, 'heterogeneous'),
    ...methodFolders(chosenB, 'traditional'),
    ...methodFolders(gridPoints[0], 'plain'),
  ];
  const { runs, seeds } = await loadExperimentResults(bundle, { runFolders });
  const paper = paperFor(datasetKindOf(runs) ?? 'newsgroups');
  const claims = orderingClaims.flatMap(([id]) => paper.claims.filter((claim) => claim.id === id));
  const results = evaluatePaperClaims(runs, claims);
  const sentences = orderingClaims
    .map(([id, name]) =>
      claimSentence(
        results.find((result) => result.definition.id === id),
        name,
      ),
    )
    .filter((sentence): sentence is string => sentence !== undefined);
  if (sentences.length === 0) return undefined;
  const setting = (point: SweepPointRuns) => {
    const { temperature, studentLossWeight } = pointSettings(point);
    return `T ${temperature}, a ${studentLossWeight}`;
  };
  return (
    `**Tuned on validation** (the study's T × a grid, ${seeds.length} seeds, paired by seed, one Holm family; ` +
    `A at ${setting(chosenA)} and B at ${setting(chosenB)}, each the point with the best mean validation accuracy, ` +
    `where the lines above use ${paper.name}'s settings): ${sentences.join('; ')}.`
  );
}
