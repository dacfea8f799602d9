import * as tf from '@tensorflow/tfjs';

/**
 * A setting that is one number for every model, or (stacked [K, N, C] inputs only) a
 * float tensor [K] with one value per model, as the training engine passes its per-model
 * settings. Tensor values are not read back here (validate them before training).
 */
export type PerModelValue = number | tf.Tensor;

function checkPerModel(
  value: PerModelValue,
  what: string,
  valid: (number: number) => boolean,
  expected: string,
  models: number | undefined,
): void {
  if (value instanceof tf.Tensor) {
    if (models === undefined)
      throw new Error(
        `dualDistillationLoss: ${what} is a tensor, which needs stacked studentLogits [K, N, C]; give a number for [N, C]`,
      );
    if (value.rank !== 1 || value.shape[0] !== models)
      throw new Error(
        `dualDistillationLoss: ${what} must have shape [${models}] (one value per stacked model), got [${value.shape.join(', ')}]`,
      );
    return;
  }
  if (typeof value !== 'number' || !valid(value))
    throw new Error(`dualDistillationLoss: ${what} must be ${expected}, got ${value}`);
}

/**
 * The dual distillation loss, strategy P2's distillation term (src/methods/dualProfessor.ts):
 * the student distils from the teacher AND the professor (src/professor),
 * a weighted sum of two T²-scaled KL divergences:
 *
 *   p = softmax(t / T) (teacher),  p' = softmax(r / T) (professor),  q = softmax(s / T) (student)
 *   L = T² · (1/N) Σ_n [ w · KL(p_n ‖ q_n) + (1 - w) · KL(p'_n ‖ q_n) ]
 *
 * w = `teacherWeight` in [0, 1]: w = 1 is the plain distillation term of strategies A/B
 * (`distillationLoss`, src/losses/distillation.ts), w = 0 is strategy P1 (the professor's targets only).
 * A convex combination keeps the term on the same scale as A/B's, so the student loss
 * weight a of L_total = a·CE + (1 - a)·L means the same in every strategy.
 *
 * Sources: Hinton et al. 2015, section 2 (KL to temperature-softened targets, times T²);
 * the two-target sum is our reading of "two distillation strategies that use teacher and
 * professor together" in Bang, Lee & Shim 2021 (Information Sciences 576; only the
 * abstract is available, the exact form is our design).
 *
 * Shapes: `studentLogits` [N, C] -> scalar, or stacked [K, N, C] (K students trained at
 * once) -> [K], one loss per student (mean over its N rows). Teacher and professor logits
 * have the student's shape, or [N, C] shared by all K students. Gradients flow to every
 * argument; pass teacher and professor logits as constants.
 *
 * @param teacherLogits t
 * @param professorLogits r, the professor's refined logits (`refineTargets`)
 * @param studentLogits s, the student's distillation-layer logits
 * @param temperature T > 0, or a [K] tensor (one T per stacked model)
 * @param teacherWeight w in [0, 1], or a [K] tensor
 * @param scaleByTemperatureSquared multiply by T² (default true, as Hinton et al.)
 */
export function dualDistillationLoss(
  teacherLogits: tf.Tensor,
  professorLogits: tf.Tensor,
  studentLogits: tf.Tensor,
  temperature: PerModelValue,
  teacherWeight: PerModelValue,
  scaleByTemperatureSquared = true,
): tf.Tensor {
  const where = 'dualDistillationLoss';
  if (studentLogits.rank !== 2 && studentLogits.rank !== 3)
    throw new Error(
      `${where}: studentLogits must be [N, C] or [K, N, C], got shape [${studentLogits.shape.join(', ')}]`,
    );
  const rowShape = studentLogits.shape.slice(-2).join(', ');
  for (const [name, tensor] of [
    ['teacherLogits', teacherLogits],
    ['professorLogits', professorLogits],
  ] as const) {
    const sameShape = tensor.shape.join(', ') === studentLogits.shape.join(', ');
    const shared = studentLogits.rank === 3 && tensor.rank === 2 && tensor.shape.join(', ') === rowShape;
    if (!sameShape && !shared) {
      throw new Error(
        `${where}: ${name} shape [${tensor.shape.join(', ')}] must equal studentLogits shape [${studentLogits.shape.join(', ')}]${studentLogits.rank === 3 ? ` or be [${rowShape}]` : ''}`,
      );
    }
  }
  const models = studentLogits.rank === 3 ? studentLogits.shape[0] : undefined;
  checkPerModel(
    temperature,
    'temperature',
    (value) => Number.isFinite(value) && value > 0,
    'a finite number > 0',
    models,
  );
  checkPerModel(teacherWeight, 'teacherWeight', (value) => value >= 0 && value <= 1, 'in [0, 1]', models);
  return tf.tidy(() => {
    // A [K] setting broadcasts as [K, 1, 1] against logits and as [K, 1] against per-row values.
    const forLogits = (value: PerModelValue) => (typeof value === 'number' ? value : tf.reshape(value, [-1, 1, 1]));
    const forRows = (value: PerModelValue) => (typeof value === 'number' ? value : tf.reshape(value, [-1, 1]));
    const studentLogProbabilities = tf.logSoftmax(tf.div(studentLogits, forLogits(temperature)));
    // Per-row KL(target ‖ student), summed over the class axis: shape [N] or [K, N].
    const divergence = (targetLogits: tf.Tensor) => {
      const targetLogProbabilities = tf.logSoftmax(tf.div(targetLogits, forLogits(temperature)));
      return tf.sum(
        tf.mul(tf.exp(targetLogProbabilities), tf.sub(targetLogProbabilities, studentLogProbabilities)),
        -1,
      );
    };
    const weight = forRows(teacherWeight);
    const professorShare = typeof weight === 'number' ? 1 - weight : tf.sub(1, weight);
    const perRow = tf.add(
      tf.mul(divergence(teacherLogits), weight),
      tf.mul(divergence(professorLogits), professorShare),
    );
    const mean = tf.mean(perRow, -1);
    if (!scaleByTemperatureSquared) return mean;
    return typeof temperature === 'number'
      ? tf.mul(mean, temperature * temperature)
      : tf.mul(mean, tf.square(temperature));
  });
}
