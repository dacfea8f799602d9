import * as tf from '@tensorflow/tfjs';
import type { ModelGroup } from './modelGroup';
import type { PreparedMember } from './prepare';

/** Training produced a non-finite loss or score: the run(s) diverged. */
export class TrainingDivergedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDivergedError';
  }
}

/** The figures of one member after an epoch: its loss terms and validation scores. */
export type MemberFigures = Record<string, number | undefined>;

/**
 * Throws a {@link TrainingDivergedError} when any member's figures hold NaN or ±Infinity at
 * the end of `epoch`, naming each such member (method and seed; in a stacked group only the
 * ones that diverged, out of how many), the figures and the fix. Without this check the NaN
 * weights surface later as an unexplained failure (an argmax over NaN scores).
 */
export function checkFiniteFigures(
  figures: Map<number, MemberFigures>,
  members: Map<number, Pick<PreparedMember, 'definition' | 'batchSeed'>>,
  epoch: number,
  learningRate: number,
  task: string,
): void {
  const diverged: string[] = [];
  let teacher = false;
  let student = false;
  for (const [id, values] of figures) {
    const bad = Object.entries(values).filter(([, value]) => value !== undefined && !Number.isFinite(value));
    if (bad.length === 0) continue;
    const member = members.get(id);
    const name = member?.definition.name ?? `member ${id}`;
    if (name.startsWith('teacher')) teacher = true;
    else student = true;
    diverged.push(
      `${name} seed ${member?.batchSeed ?? '?'} (${bad.map(([key, value]) => `${key} ${value}`).join(', ')})`,
    );
  }
  if (diverged.length === 0) return;
  const keys = [teacher ? 'teacher.learningRate' : '', student ? 'student.learningRate' : '']
    .filter(Boolean)
    .join(' / ');
  const which = figures.size > 1 ? `${diverged.length} of the ${figures.size} models of ${task}` : task;
  throw new TrainingDivergedError(
    `training diverged at epoch ${epoch} (${which}): ${diverged.join('; ')}. ` +
      `The weights are no longer numbers, so nothing of this run can be used. Lower the learning rate (now ${learningRate}; ${keys} in the config, e.g. --set ${keys.split(' / ')[0]}=0.001) or the method's loss weights, then run again.`,
  );
}

/**
 * After an evaluation failed: when some members' weights hold NaN or ±Infinity (the last
 * update of the epoch diverged while the epoch's mean losses were still finite), throws
 * the same {@link TrainingDivergedError} as {@link checkFiniteFigures} for them; otherwise
 * returns, and the caller rethrows the original error.
 */
export function checkFiniteWeights(
  group: ModelGroup,
  ids: number[],
  members: Map<number, Pick<PreparedMember, 'definition' | 'batchSeed'>>,
  epoch: number,
  learningRate: number,
  task: string,
): void {
  const figures = new Map<number, MemberFigures>();
  for (const [id, weights] of group.snapshotMembers(ids)) {
    const finite = tf.tidy(() => weights.every((weight) => tf.all(tf.isFinite(weight)).dataSync()[0] === 1));
    tf.dispose(weights);
    figures.set(id, { weights: finite ? 0 : Number.NaN });
  }
  checkFiniteFigures(figures, members, epoch, learningRate, task);
}
