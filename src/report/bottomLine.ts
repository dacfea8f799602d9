/**
 * The bottom line the README's Results open with: a few sentences generated from the shipped
 * reference runs (what was reproduced, what was not, what helps instead), each difference with
 * its 95 % interval and its verdict from the one claims engine, so no sentence is typed by hand.
 */
import { pairedBySeedDifference, type PairedDifference } from '../metrics';
import { paperFor } from '../papers';
import {
  datasetKindOf,
  evaluatePaperClaims,
  type ExperimentResults,
  methodLabel,
  type PaperClaimResult,
  type RunResult,
} from '../results';

/** Which features each paper's students read, so paper columns are never read as like-for-like. */
const paperFeatures: Record<string, string> = {
  newsgroups: 'paper 1 used frozen BERT document embeddings (768-d), we use USE lite sentence embeddings (512-d)',
  'fashion-mnist': 'paper 2 and we both read the raw 28 x 28 pixels',
};

/** A difference in accuracy points with its interval: "+0.20 points [+0.06, +0.35]". */
export function pointsWithInterval(difference: Pick<PairedDifference, 'meanDifference' | 'low' | 'high'>): string {
  const points = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(2)}`;
  return `${points(difference.meanDifference)} points [${points(difference.low)}, ${points(difference.high)}]`;
}

/** "A − C +0.20 points [+0.05, +0.35]; the paper: +0.80: **contradicted** (why)" for one claim's result. */
export function claimSentence(claim: PaperClaimResult | undefined, name: string): string | undefined {
  if (!claim?.difference) return undefined;
  const paper =
    claim.definition.paperEffect === undefined
      ? ''
      : `; the paper: ${claim.definition.paperEffect >= 0 ? '+' : '−'}${Math.abs(claim.definition.paperEffect * 100).toFixed(2)}`;
  const value =
    claim.definition.metric === 'epochsToTarget'
      ? `${claim.difference.meanDifference >= 0 ? '+' : '−'}${Math.abs(claim.difference.meanDifference).toFixed(1)} epochs [${claim.difference.low.toFixed(1)}, ${claim.difference.high.toFixed(1)}]`
      : pointsWithInterval(claim.difference);
  return `${name} ${value}${paper}: **${claim.verdict}** (${claim.reason})`;
}

function versus(runs: RunResult[], first: string, second: string): PairedDifference | undefined {
  const of = (method: string) => runs.filter((run) => run.role === 'student' && run.method === method);
  return pairedBySeedDifference(of(first), of(second), (run) => run.test.accuracy);
}

/**
 * The bottom-line sentences for one experiment's reference runs (markdown list items), from
 * its paper's claims and the controls: teachers, the student ordering, what helps instead.
 */
export function bottomLineSentences(results: ExperimentResults): string[] {
  const kind = datasetKindOf(results.runs) ?? 'newsgroups';
  const paper = paperFor(kind);
  const claims = evaluatePaperClaims(results.runs, paper.claims, { targetAccuracy: results.targetAccuracy });
  const byId = new Map(claims.map((claim) => [claim.definition.id, claim]));
  const seeds = results.seeds.length;
  const sentences: string[] = [];
  const teachers = claimSentence(byId.get('coarse-teacher'), 'coarse teacher − fine teacher (each on its own labels)');
  if (teachers)
    sentences.push(
      `**Teachers** (${seeds} seeds): ${teachers}. The coarse task is far easier, as ${paper.name} found.`,
    );
  const ordering = [
    claimSentence(byId.get('a-beats-c-accuracy'), 'A − C'),
    claimSentence(byId.get('a-beats-b-accuracy'), 'A − B'),
    claimSentence(byId.get('b-beats-c-accuracy'), 'B − C'),
  ].filter((sentence): sentence is string => sentence !== undefined);
  if (ordering.length > 0)
    sentences.push(`**Students, test accuracy** (${seeds} seeds, paired by seed): ${ordering.join('; ')}.`);
  const speed = claimSentence(byId.get('a-faster-than-c'), 'A − C in epochs to the target accuracy');
  if (speed) sentences.push(`**Learning speed** (fewer epochs is faster): ${speed}.`);
  const controls = (
    [
      ['label-smoothing', 'plain'],
      ['coarse-auxiliary', 'plain'],
      ['heterogeneous', 'coarse-auxiliary'],
    ] as const
  )
    .map(([first, second]) => {
      const difference = versus(results.runs, first, second);
      return difference
        ? `${methodLabel(first)} − ${methodLabel(second)} ${pointsWithInterval(difference)}`
        : undefined;
    })
    .filter((sentence): sentence is string => sentence !== undefined);
  if (controls.length > 0)
    sentences.push(
      `**Without a teacher**: ${controls.join('; ')}. An interval that excludes 0 is a difference these seeds can show.`,
    );
  const features = paperFeatures[kind];
  if (features)
    sentences.push(`**Features**: ${features}; compare directions and gaps with the paper, not absolute accuracies.`);
  return sentences;
}

/**
 * The README's bottom-line section over every shipped experiment (one heading each, paper 1's
 * first); `studySentences` adds, under an experiment, the sentences of its shipped study.
 */
export function bottomLineSection(
  experiments: ExperimentResults[],
  studySentences: ReadonlyMap<string, string[]> = new Map(),
): string {
  const lines = [
    'Generated by `npm run report` from the shipped reference runs (`data/reference/`). Differences are in accuracy points ' +
      'with their 95 % interval over seeds; **supported**, **contradicted** and **undecided** are defined in ' +
      '"How to read the verdicts" below.',
    '',
  ];
  // Paper 1's experiments first, then paper 2's (bundle file names would put fashion-mnist first).
  const paperOf = (results: ExperimentResults) => paperFor(datasetKindOf(results.runs) ?? 'newsgroups').name;
  const ordered = [...experiments].sort(
    (first, second) =>
      paperOf(first).localeCompare(paperOf(second)) || first.experiment.localeCompare(second.experiment),
  );
  for (const results of ordered) {
    // The study's sentences after the comparison's findings, before the closing note on features.
    const own = bottomLineSentences(results);
    const features = own.findIndex((sentence) => sentence.startsWith('**Features**'));
    const study = studySentences.get(results.experiment) ?? [];
    const sentences = features < 0 ? [...own, ...study] : [...own.slice(0, features), ...study, ...own.slice(features)];
    if (sentences.length === 0) continue;
    lines.push(`**${results.experiment}**:`, '', ...sentences.map((sentence) => `- ${sentence}`), '');
  }
  return lines.join('\n');
}
