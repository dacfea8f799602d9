import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import {
  combineLossValues,
  composedTeacherValue,
  crossEntropy,
  decoupledDistillationValues,
  klDivergence,
  distillationLossValue,
  smoothedTarget,
  softCrossEntropy,
  softmax,
} from '../losses';
import { SeededRandom } from '../util/random';
import {
  builtInMethods,
  methodByName,
  type MethodDefinition,
  objectiveByName,
  plainObjective,
  registeredMethods,
  registerMethod,
  resolveMethodSettings,
  type StackedObjectiveInputs,
  unregisterMethod,
} from './index';

/** Two stacked models (K = 2), 3 rows, 4 fine / 3 coarse classes, each model with its own settings. */
const models = 2;
const rows = 3;
const fine = 4;
const coarse = 3;
const random = new SeededRandom(42);
const grid = (classes: number) =>
  Array.from({ length: models }, () =>
    Array.from({ length: rows }, () => Array.from({ length: classes }, () => (random.next() * 2 - 1) * 3)),
  );
const prediction = grid(fine);
const distillation = grid(coarse);
const coarseTeacher = grid(coarse);
const fineTeacher = grid(fine);
const coarseProfessor = grid(coarse);
const fineProfessor = grid(fine);
/** The plain student's logits, the target of teacher-free self-distillation (I). */
const selfLogits = grid(fine);
const fineLabels = [
  [0, 3, 1],
  [2, 2, 0],
];
const coarseLabels = [
  [0, 2, 1],
  [1, 1, 0],
];
const settingsPerModel: Record<string, number[]> = {
  temperature: [2, 5],
  studentLossWeight: [0.3, 0.8],
  smoothing: [0.1, 0.25],
  teacherWeight: [0.5, 0.2],
  targetWeight: [1, 0.5],
  nonTargetWeight: [8, 2],
  beta: [4, 1.5],
  alpha: [0.5, 2],
  correctProbability: [0.9, 0.6],
};
/** The hierarchy of the 4 fine classes (consistent with coarseLabels): 0 | 1 2 | 3. */
const fineToCoarse = [0, 1, 1, 2];
/** The LCA height of two fine classes: 0 same class, 1 same group, 2 different groups. */
const treeDistance = (first: number, second: number) =>
  first === second ? 0 : fineToCoarse[first] === fineToCoarse[second] ? 1 : 2;

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const perRow = (loss: (row: number) => number) => mean(Array.from({ length: rows }, (_, row) => loss(row)));
const fineCe = (model: number) =>
  perRow((row) => crossEntropy(softmax(prediction[model][row]), fineLabels[model][row]));

/**
 * Each built-in method's terms for model k, from the plain-number formulas of
 * src/losses/numericLosses.ts. A method added to the registry needs an entry here.
 */
const expectedTerms: Record<string, (model: number, setting: (name: string) => number) => Record<string, number>> = {
  heterogeneous: (model, setting) => {
    const student = fineCe(model);
    const kd = perRow((row) =>
      distillationLossValue(coarseTeacher[model][row], distillation[model][row], setting('temperature')),
    );
    return { student, distillation: kd, total: combineLossValues(student, kd, setting('studentLossWeight')) };
  },
  traditional: (model, setting) => {
    const student = fineCe(model);
    const kd = perRow((row) =>
      distillationLossValue(fineTeacher[model][row], prediction[model][row], setting('temperature')),
    );
    return { student, distillation: kd, total: combineLossValues(student, kd, setting('studentLossWeight')) };
  },
  plain: (model) => ({ student: fineCe(model), total: fineCe(model) }),
  'coarse-auxiliary': (model, setting) => {
    const auxiliary = perRow((row) => crossEntropy(softmax(distillation[model][row]), coarseLabels[model][row]));
    return {
      student: fineCe(model),
      auxiliary,
      total: combineLossValues(fineCe(model), auxiliary, setting('studentLossWeight')),
    };
  },
  'label-smoothing': (model, setting) => {
    const student = perRow((row) =>
      softCrossEntropy(
        smoothedTarget(fineLabels[model][row], fine, setting('smoothing')),
        softmax(prediction[model][row]),
      ),
    );
    return { student, total: student };
  },
  // P1: A's / B's formula with the professor's logits as the target.
  'professor-heterogeneous': (model, setting) => {
    const kd = perRow((row) =>
      distillationLossValue(coarseProfessor[model][row], distillation[model][row], setting('temperature')),
    );
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
  'professor-traditional': (model, setting) => {
    const kd = perRow((row) =>
      distillationLossValue(fineProfessor[model][row], prediction[model][row], setting('temperature')),
    );
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
  // P2: w·T²KL(teacher) + (1-w)·T²KL(professor), per row, then the batch mean.
  'professor-dual-heterogeneous': (model, setting) => {
    const w = setting('teacherWeight');
    const kd = perRow(
      (row) =>
        w * distillationLossValue(coarseTeacher[model][row], distillation[model][row], setting('temperature')) +
        (1 - w) * distillationLossValue(coarseProfessor[model][row], distillation[model][row], setting('temperature')),
    );
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
  'professor-dual-traditional': (model, setting) => {
    const w = setting('teacherWeight');
    const kd = perRow(
      (row) =>
        w * distillationLossValue(fineTeacher[model][row], prediction[model][row], setting('temperature')) +
        (1 - w) * distillationLossValue(fineProfessor[model][row], prediction[model][row], setting('temperature')),
    );
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
  // J, K: α·TCKD + β·NCKD against the true fine class (J) or the true group (K).
  dkd: (model, setting) => decoupledExpected(model, setting, fineTeacher, prediction, fineLabels),
  'dkd-coarse': (model, setting) => decoupledExpected(model, setting, coarseTeacher, distillation, coarseLabels),
  // L, M: T²·KL(q ‖ softmax(z/T)) with q composed from the coarse teacher's group probabilities.
  'composed-teacher': (model, setting) => composedExpected(model, setting, 'student'),
  'composed-teacher-uniform': (model, setting) => composedExpected(model, setting, 'uniform'),
  // F: cross-entropy against exp(-beta d(y, c)) normalised.
  'soft-labels': (model, setting) => {
    const student = perRow((row) => {
      const weights = Array.from({ length: fine }, (_, c) =>
        Math.exp(-setting('beta') * treeDistance(fineLabels[model][row], c)),
      );
      const sum = weights.reduce((total, weight) => total + weight, 0);
      return softCrossEntropy(
        weights.map((weight) => weight / sum),
        softmax(prediction[model][row]),
      );
    });
    return { student, total: student };
  },
  // G: -log p(y|g) - exp(-alpha) log p(g), p(g) = the summed probabilities of y's group.
  hxe: (model, setting) => {
    const parts = (row: number) => {
      const probabilities = softmax(prediction[model][row]);
      const label = fineLabels[model][row];
      const group = probabilities.reduce((sum, p, c) => (fineToCoarse[c] === fineToCoarse[label] ? sum + p : sum), 0);
      return { fine: -Math.log(probabilities[label] / group), group: -Math.log(group) };
    };
    const fineTerm = perRow((row) => parts(row).fine);
    const groupTerm = perRow((row) => parts(row).group);
    return { fine: fineTerm, group: groupTerm, total: fineTerm + Math.exp(-setting('alpha')) * groupTerm };
  },
  // H: B's formula with the virtual teacher a on the true class, (1 - a)/(F - 1) elsewhere, softened as p^(1/T).
  'tf-kd-virtual': (model, setting) => {
    const temperature = setting('temperature');
    const kd = perRow((row) => {
      const a = setting('correctProbability');
      const virtual = Array.from({ length: fine }, (_, c) => (c === fineLabels[model][row] ? a : (1 - a) / (fine - 1)));
      const softenedSum = virtual.reduce((sum, p) => sum + p ** (1 / temperature), 0);
      const softened = virtual.map((p) => p ** (1 / temperature) / softenedSum);
      return temperature * temperature * klDivergence(softened, softmax(prediction[model][row], temperature));
    });
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
  // I: B's formula with the plain student's logits as the teacher.
  'tf-kd-self': (model, setting) => {
    const kd = perRow((row) =>
      distillationLossValue(selfLogits[model][row], prediction[model][row], setting('temperature')),
    );
    return {
      student: fineCe(model),
      distillation: kd,
      total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
    };
  },
};

function decoupledExpected(
  model: number,
  setting: (name: string) => number,
  teacher: number[][][],
  head: number[][][],
  labels: number[][],
): Record<string, number> {
  const values = Array.from({ length: rows }, (_, row) =>
    decoupledDistillationValues(teacher[model][row], head[model][row], labels[model][row], setting('temperature')),
  );
  const targetClass = mean(values.map((value) => value.targetClass));
  const nonTargetClass = mean(values.map((value) => value.nonTargetClass));
  const kd = setting('targetWeight') * targetClass + setting('nonTargetWeight') * nonTargetClass;
  const student = fineCe(model);
  return {
    student,
    distillation: kd,
    targetClass,
    nonTargetClass,
    total: combineLossValues(student, kd, setting('studentLossWeight')),
  };
}

function composedExpected(
  model: number,
  setting: (name: string) => number,
  within: 'student' | 'uniform',
): Record<string, number> {
  const kd = perRow((row) =>
    composedTeacherValue(
      coarseTeacher[model][row],
      prediction[model][row],
      fineToCoarse,
      setting('temperature'),
      within,
    ),
  );
  return {
    student: fineCe(model),
    distillation: kd,
    total: combineLossValues(fineCe(model), kd, setting('studentLossWeight')),
  };
}

/** Which head each loss term must reach (gradient nonzero there, exactly zero on the other head). */
const headsTouched: Record<string, Record<string, Array<'prediction' | 'distillation'>>> = {
  heterogeneous: { student: ['prediction'], distillation: ['distillation'] },
  traditional: { student: ['prediction'], distillation: ['prediction'] },
  plain: { student: ['prediction'] },
  'coarse-auxiliary': { student: ['prediction'], auxiliary: ['distillation'] },
  'label-smoothing': { student: ['prediction'] },
  'professor-heterogeneous': { student: ['prediction'], distillation: ['distillation'] },
  'professor-dual-heterogeneous': { student: ['prediction'], distillation: ['distillation'] },
  'professor-traditional': { student: ['prediction'], distillation: ['prediction'] },
  'professor-dual-traditional': { student: ['prediction'], distillation: ['prediction'] },
  dkd: {
    student: ['prediction'],
    distillation: ['prediction'],
    targetClass: ['prediction'],
    nonTargetClass: ['prediction'],
  },
  'dkd-coarse': {
    student: ['prediction'],
    distillation: ['distillation'],
    targetClass: ['distillation'],
    nonTargetClass: ['distillation'],
  },
  'composed-teacher': { student: ['prediction'], distillation: ['prediction'] },
  'composed-teacher-uniform': { student: ['prediction'], distillation: ['prediction'] },
  'soft-labels': { student: ['prediction'] },
  hxe: { fine: ['prediction'], group: ['prediction'] },
  'tf-kd-virtual': { student: ['prediction'], distillation: ['prediction'] },
  'tf-kd-self': { student: ['prediction'], distillation: ['prediction'] },
};

function inputsFor(
  method: MethodDefinition,
  predictionTensor: tf.Tensor3D,
  distillationTensor: tf.Tensor3D,
): StackedObjectiveInputs {
  return {
    prediction: predictionTensor,
    distillation: method.distillationHead ? distillationTensor : undefined,
    fineLabels: tf.tensor2d(fineLabels, undefined, 'int32'),
    coarseLabels: tf.tensor2d(coarseLabels, undefined, 'int32'),
    teacherLogits:
      method.teacher === 'coarse'
        ? tf.tensor3d(coarseTeacher)
        : method.teacher === 'fine'
          ? tf.tensor3d(fineTeacher)
          : undefined,
    targets: method.derivedTargets?.includes('professor-logits')
      ? { 'professor-logits': tf.tensor3d(method.teacher === 'coarse' ? coarseProfessor : fineProfessor) }
      : method.derivedTargets?.includes('self-logits')
        ? { 'self-logits': tf.tensor3d(selfLogits) }
        : undefined,
    settings: Object.fromEntries(
      Object.keys(method.settings).map((name) => [name, tf.tensor1d(settingsPerModel[name])]),
    ),
    fineToCoarse: tf.tensor1d(fineToCoarse, 'int32'),
  };
}

describe('method registry', () => {
  before(async () => {
    await initializeBackend();
  });

  it('lists A-E, then the professor strategies, in table order and finds methods by name, with a clear error otherwise', () => {
    assert.deepEqual(
      registeredMethods().map((method) => method.letter),
      ['A', 'B', 'C', 'D', 'E', 'P1-A', 'P2-A', 'P1-B', 'P2-B', 'J', 'K', 'L', 'M', 'F', 'G', 'H', 'I'],
    );
    assert.equal(methodByName('traditional').letter, 'B');
    assert.throws(
      () => methodByName('hetero'),
      /unknown method "hetero"; known methods: heterogeneous, traditional, plain, coarse-auxiliary, label-smoothing, professor-heterogeneous, professor-dual-heterogeneous, professor-traditional, professor-dual-traditional, dkd, dkd-coarse, composed-teacher, composed-teacher-uniform, soft-labels, hxe, tf-kd-virtual, tf-kd-self$/,
    );
    assert.equal(objectiveByName('teacher-coarse').predictionTarget, 'coarse');
    assert.throws(() => methodByName('teacher-coarse'), /unknown method/);
  });

  it('professor strategies: P1/P2 on the teachers of A/B, with their defaults; P2 adds teacherWeight in [0, 1] (default 0.5)', () => {
    for (const [professor, paper] of [
      ['professor-heterogeneous', 'heterogeneous'],
      ['professor-dual-heterogeneous', 'heterogeneous'],
      ['professor-traditional', 'traditional'],
      ['professor-dual-traditional', 'traditional'],
    ]) {
      const method = methodByName(professor);
      assert.deepEqual(method.derivedTargets, ['professor-logits']);
      assert.equal(method.kind, 'extension');
      assert.equal(method.teacher, methodByName(paper).teacher);
      assert.equal(method.distillationHead, methodByName(paper).distillationHead);
      const { teacherWeight, ...rest } = resolveMethodSettings(method);
      assert.deepEqual(rest, resolveMethodSettings(methodByName(paper)));
      assert.equal(teacherWeight, professor.includes('dual') ? 0.5 : undefined);
    }
    assert.throws(
      () => resolveMethodSettings(methodByName('professor-dual-traditional'), { teacherWeight: 1.5 }),
      /method professor-dual-traditional: setting teacherWeight must be <= 1, got 1.5/,
    );
  });

  it('resolves settings: defaults filled, unknown keys and out-of-range values rejected by name', () => {
    assert.deepEqual(resolveMethodSettings(methodByName('heterogeneous'), { temperature: 4 }), {
      studentLossWeight: 0.3,
      temperature: 4,
    });
    assert.throws(
      () => resolveMethodSettings(methodByName('heterogeneous'), { temperature: 0 }),
      /method heterogeneous: setting temperature must be > 0, got 0/,
    );
    assert.throws(
      () => resolveMethodSettings(methodByName('coarse-auxiliary'), { studentLossWeight: 1.5 }),
      /studentLossWeight must be <= 1, got 1.5/,
    );
    assert.throws(
      () => resolveMethodSettings(methodByName('label-smoothing'), { smoothing: 1 }),
      /smoothing must be < 1/,
    );
    assert.throws(
      () => resolveMethodSettings(methodByName('plain'), { temperature: 2 }),
      /unknown setting "temperature"; it has no settings/,
    );
  });

  it('registers a toy method, rejects duplicates and malformed entries, and unregisters it', () => {
    const toy: MethodDefinition = {
      name: 'toy',
      letter: 'Z',
      label: 'toy',
      configKey: 'toy',
      teacher: 'none',
      distillationHead: false,
      settings: {},
      lossTerms: ['student'],
      order: 1000,
      kind: 'extension',
      objective: plainObjective,
    };
    registerMethod(toy);
    try {
      assert.equal(registeredMethods().at(-1)!.name, 'toy');
      assert.throws(() => registerMethod({ ...toy }), /name "toy" is already used by method toy/);
      assert.throws(
        () => registerMethod({ ...toy, name: 'toy2', configKey: 'toy2', letter: 'A' }),
        /letter "A" is already used by method heterogeneous/,
      );
      assert.throws(
        () => registerMethod({ ...toy, name: 'toy2', letter: 'Y', configKey: 'plain' }),
        /configKey "plain" is already used by method plain/,
      );
      assert.throws(
        () => registerMethod({ ...toy, name: 'toy3', letter: 'X', configKey: 'toy3', lossTerms: [] }),
        /lossTerms must name at least one term/,
      );
      assert.throws(
        () => registerMethod({ ...toy, name: 'toy3', letter: 'X', configKey: 'toy3', objective: undefined as never }),
        /objective must be a function/,
      );
      assert.throws(
        () =>
          registerMethod({
            ...toy,
            name: 'toy3',
            letter: 'X',
            configKey: 'toy3',
            settings: { weight: { description: 'w', minimum: 0, maximum: 1, default: 2 } },
          }),
        /default of setting weight must be <= 1, got 2/,
      );
      assert.throws(
        () =>
          registerMethod({
            ...toy,
            name: 'toy3',
            letter: 'X',
            configKey: 'toy3',
            derivedTargets: ['professor-logits'],
          }),
        /a method with derivedTargets \(professor-logits\) needs a teacher/,
      );
      assert.throws(() => unregisterMethod('plain'), /plain is built in/);
    } finally {
      unregisterMethod('toy');
    }
    assert.equal(registeredMethods().length, builtInMethods.length);
  });
});

describe('method objectives (every registered method)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('every registered method has its formula and head table in this test', () => {
    for (const method of registeredMethods()) {
      assert.ok(expectedTerms[method.name], `add the formula of ${method.name} to expectedTerms`);
      assert.deepEqual(
        Object.keys(headsTouched[method.name]).sort(),
        [...method.lossTerms].sort(),
        `${method.name}: lossTerms`,
      );
    }
  });

  for (const method of registeredMethods().filter((entry) => expectedTerms[entry.name])) {
    it(`${method.letter} ${method.name}: per-model terms equal the hand formulas, each model with its own settings`, () => {
      tf.tidy(() => {
        const terms = method.objective(inputsFor(method, tf.tensor3d(prediction), tf.tensor3d(distillation)));
        for (let model = 0; model < models; model++) {
          const expected = expectedTerms[method.name](model, (name) => settingsPerModel[name][model]);
          for (const [name, value] of Object.entries(expected)) {
            const actual = terms[name].arraySync()[model];
            assert.ok(
              Math.abs(actual - value) <= 1e-5 * Math.max(1, Math.abs(value)),
              `${method.name} model ${model} ${name}: ${actual} vs ${value}`,
            );
          }
        }
      });
    });

    it(`${method.letter} ${method.name}: each loss term reaches exactly its heads, and only its own model's rows`, () => {
      tf.tidy(() => {
        const predictionTensor = tf.tensor3d(prediction);
        const distillationTensor = tf.tensor3d(distillation);
        for (const [term, heads] of Object.entries(headsTouched[method.name])) {
          const gradients = tf.grads((first: tf.Tensor, second: tf.Tensor) => {
            const inputs = inputsFor(method, first as tf.Tensor3D, second as tf.Tensor3D);
            // Only model 0's term: model 1's rows must get no gradient.
            // (zero-weighted sums keep both inputs on the tape, so an untouched head reads as a zero gradient)
            return tf.addN([
              tf.slice(method.objective(inputs)[term], [0], [1]).sum(),
              tf.mul(tf.sum(first), 0),
              tf.mul(tf.sum(second), 0),
            ]);
          })([predictionTensor, distillationTensor]);
          const [toPrediction, toDistillation] = gradients.map(
            (gradient) => gradient.abs().sum([1, 2]).arraySync() as number[],
          );
          assert.equal(
            toPrediction[0] > 1e-6,
            heads.includes('prediction'),
            `${method.name} ${term} -> prediction head: ${toPrediction[0]}`,
          );
          assert.equal(
            toDistillation[0] > 1e-6,
            heads.includes('distillation'),
            `${method.name} ${term} -> distillation head: ${toDistillation[0]}`,
          );
          assert.equal(
            toPrediction[1] + toDistillation[1],
            0,
            `${method.name} ${term}: model 0's loss moved model 1's logits`,
          );
        }
      });
    });
  }
});
