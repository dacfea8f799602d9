import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { SeededRandom } from '../util/random';
import { composedTeacherLogProbabilities, composedTeacherLoss } from './composedTeacher';
import { composedTeacherTarget, composedTeacherValue } from './numericDecoupled';
import { klDivergence, softmax } from './numericLosses';

function assertClose(actual: number, expected: number, tolerance = 2e-5, message = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`,
  );
}

/** 6 fine classes in 3 groups of sizes 2, 1, 3. */
const fineToCoarse = [0, 0, 1, 2, 2, 2];
const groupTeacher = [Math.log(0.5), Math.log(0.3), Math.log(0.2)];

describe('composed teacher (coarse teacher x within-group split)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('targets by hand at T = 1: uniform split and the student-own split', () => {
    tf.tidy(() => {
      const map = tf.tensor1d(fineToCoarse, 'int32');
      const uniform = tf
        .exp(composedTeacherLogProbabilities(tf.tensor2d([groupTeacher]), map, 1, 'uniform'))
        .arraySync() as number[][];
      [0.25, 0.25, 0.3, 0.2 / 3, 0.2 / 3, 0.2 / 3].forEach((value, fine) => assertClose(uniform[0][fine], value));
      // Student logits give within-group shares [1/4, 3/4], [1], [1/4, 1/2, 1/4].
      const student = tf.tensor2d([[0, Math.log(3), 7, 0, Math.log(2), 0]]);
      const own = tf
        .exp(composedTeacherLogProbabilities(tf.tensor2d([groupTeacher]), map, 1, 'student', student))
        .arraySync() as number[][];
      [0.125, 0.375, 0.3, 0.05, 0.1, 0.05].forEach((value, fine) => assertClose(own[0][fine], value));
    });
  });

  it('stacked [K, N, *] with one T per model: targets and loss equal the plain-number definitions', () => {
    const random = new SeededRandom(21);
    const models = 2;
    const rows = 3;
    const grid = (classes: number) =>
      Array.from({ length: models }, () =>
        Array.from({ length: rows }, () => Array.from({ length: classes }, () => (random.next() * 2 - 1) * 4)),
      );
    const teacher = grid(3);
    const student = grid(6);
    const temperatures = [2, 0.7];
    tf.tidy(() => {
      for (const within of ['student', 'uniform'] as const) {
        const map = tf.tensor1d(fineToCoarse, 'int32');
        const loss = composedTeacherLoss(
          tf.tensor3d(teacher),
          tf.tensor3d(student),
          map,
          tf.tensor1d(temperatures),
          within,
        ).arraySync() as number[];
        const targets = tf
          .exp(
            composedTeacherLogProbabilities(
              tf.tensor3d(teacher),
              map,
              tf.tensor1d(temperatures),
              within,
              tf.tensor3d(student),
            ),
          )
          .arraySync() as number[][][];
        for (let model = 0; model < models; model++) {
          let expected = 0;
          for (let row = 0; row < rows; row++) {
            const own = within === 'student' ? student[model][row] : undefined;
            const target = composedTeacherTarget(teacher[model][row], fineToCoarse, temperatures[model], own);
            target.forEach((value, fine) => assertClose(targets[model][row][fine], value, 2e-5, `${within} q`));
            expected +=
              composedTeacherValue(
                teacher[model][row],
                student[model][row],
                fineToCoarse,
                temperatures[model],
                within,
              ) / rows;
          }
          assertClose(loss[model], expected, 2e-5, `${within} model ${model}`);
        }
      }
    });
  });

  it("with the student's own split, the term is T² · KL over the groups (teacher vs the student's summed group probabilities)", () => {
    const teacher = [1.2, -0.3, 0.4];
    const student = [0.5, -1, 2, 0.1, -0.4, 1.5];
    const temperature = 3;
    const groupsOfStudent = [0, 0, 0];
    softmax(student, temperature).forEach((value, fine) => {
      groupsOfStudent[fineToCoarse[fine]] += value;
    });
    const expected = temperature ** 2 * klDivergence(softmax(teacher, temperature), groupsOfStudent);
    tf.tidy(() => {
      const loss = composedTeacherLoss(
        tf.tensor2d([teacher]),
        tf.tensor2d([student]),
        tf.tensor1d(fineToCoarse, 'int32'),
        temperature,
        'student',
      );
      assertClose(loss.dataSync()[0], expected);
    });
  });

  it('the target is a constant: the gradient is T · (softmax(z / T) - q) / N, for both splits', () => {
    const teacher = [
      [1.2, -0.3, 0.4],
      [0, 2, -1],
    ];
    const student = [
      [0.5, -1, 2, 0.1, -0.4, 1.5],
      [1, 1, -2, 0.3, 0.3, 0],
    ];
    const temperature = 2;
    for (const within of ['student', 'uniform'] as const) {
      tf.tidy(() => {
        const gradient = tf
          .grad(
            (logits: tf.Tensor) =>
              composedTeacherLoss(
                tf.tensor2d(teacher),
                logits,
                tf.tensor1d(fineToCoarse, 'int32'),
                temperature,
                within,
              ) as tf.Scalar,
          )(tf.tensor2d(student))
          .arraySync() as number[][];
        student.forEach((logits, row) => {
          const target = composedTeacherTarget(
            teacher[row],
            fineToCoarse,
            temperature,
            within === 'student' ? logits : undefined,
          );
          softmax(logits, temperature).forEach((probability, fine) =>
            assertClose(
              gradient[row][fine],
              (temperature * (probability - target[fine])) / student.length,
              1e-5,
              `${within} row ${row} class ${fine}`,
            ),
          );
        });
      });
    }
  });

  it('rejects a float map, a map of the wrong length and a missing student for the own split', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([groupTeacher]);
      assert.throws(
        () => composedTeacherLoss(teacher, tf.zeros([1, 6]), tf.tensor1d(fineToCoarse), 1, 'uniform'),
        /composedTeacher: fineToCoarse must be int32 \[fine classes\]/,
      );
      assert.throws(
        () => composedTeacherLoss(teacher, tf.zeros([1, 5]), tf.tensor1d(fineToCoarse, 'int32'), 1, 'uniform'),
        /the student's fine logits must have shape \[1, 6\]/,
      );
      assert.throws(
        () => composedTeacherLogProbabilities(teacher, tf.tensor1d(fineToCoarse, 'int32'), 1, 'student'),
        /'student' within-group split needs the student's fine logits/,
      );
    });
  });
});
