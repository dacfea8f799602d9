/**
 * Plain-number versions of the losses, for teaching and for checking the TensorFlow.js
 * ones: one example at a time, double precision, no tensors.
 */

function requireDistribution(probabilities: number[], what: string, functionName: string): void {
  if (!Array.isArray(probabilities) || probabilities.length === 0)
    throw new Error(`${functionName}: ${what} must be a non-empty array of probabilities`);
  let total = 0;
  for (const [index, value] of probabilities.entries()) {
    if (!(value >= 0 && value <= 1))
      throw new Error(`${functionName}: ${what}[${index}] = ${value} is not a probability`);
    total += value;
  }
  if (Math.abs(total - 1) > 1e-6) throw new Error(`${functionName}: ${what} sums to ${total}, not 1`);
}

/** softmax(z / T)_i = exp(z_i / T) / Σ_j exp(z_j / T), computed with the maximum subtracted. */
export function softmax(logits: number[], temperature = 1): number[] {
  const logProbabilities = logSoftmax(logits, temperature);
  return logProbabilities.map(Math.exp);
}

/** log softmax(z / T)_i = z_i / T - log Σ_j exp(z_j / T), stable for large logits. */
export function logSoftmax(logits: number[], temperature = 1): number[] {
  if (logits.length === 0) throw new Error('logSoftmax: logits are empty');
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`logSoftmax: temperature must be a finite number > 0, got ${temperature}`);
  const scaled = logits.map((logit) => logit / temperature);
  const maximum = Math.max(...scaled);
  const logSum = maximum + Math.log(scaled.reduce((sum, value) => sum + Math.exp(value - maximum), 0));
  return scaled.map((value) => value - logSum);
}

/**
 * Kullback-Leibler divergence KL(p || q) = Σ_i p_i ln(p_i / q_i), in nats.
 * Terms with p_i = 0 count 0; p_i > 0 with q_i = 0 gives Infinity.
 */
export function klDivergence(p: number[], q: number[]): number {
  requireDistribution(p, 'p', 'klDivergence');
  requireDistribution(q, 'q', 'klDivergence');
  if (p.length !== q.length) throw new Error(`klDivergence: p has ${p.length} entries, q has ${q.length}`);
  let total = 0;
  for (let index = 0; index < p.length; index++) {
    if (p[index] === 0) continue;
    total += p[index] * Math.log(p[index] / q[index]);
  }
  return total;
}

/** Entropy H(p) = -Σ_i p_i ln p_i, in nats. */
export function entropy(p: number[]): number {
  requireDistribution(p, 'p', 'entropy');
  return -p.reduce((sum, value) => (value === 0 ? sum : sum + value * Math.log(value)), 0);
}

/** Cross-entropy against a hard label: -ln p[trueIndex]. */
export function crossEntropy(p: number[], trueIndex: number): number {
  requireDistribution(p, 'p', 'crossEntropy');
  if (!Number.isInteger(trueIndex) || trueIndex < 0 || trueIndex >= p.length) {
    throw new Error(`crossEntropy: trueIndex ${trueIndex} is outside 0..${p.length - 1}`);
  }
  return -Math.log(p[trueIndex]);
}

/** Cross-entropy against a soft target: H(target, q) = -Σ_i target_i ln q_i = H(target) + KL(target || q). */
export function softCrossEntropy(target: number[], q: number[]): number {
  requireDistribution(target, 'target', 'softCrossEntropy');
  requireDistribution(q, 'q', 'softCrossEntropy');
  if (target.length !== q.length)
    throw new Error(`softCrossEntropy: target has ${target.length} entries, q has ${q.length}`);
  return -target.reduce((sum, value, index) => (value === 0 ? sum : sum + value * Math.log(q[index])), 0);
}

/**
 * One example's distillation loss from logits (Hinton et al. 2015):
 * T² · KL(softmax(t/T) || softmax(s/T)), or without the T² factor.
 */
export function distillationLossValue(
  teacherLogits: number[],
  studentLogits: number[],
  temperature: number,
  scaleByTemperatureSquared = true,
): number {
  if (teacherLogits.length !== studentLogits.length) {
    throw new Error(
      `distillationLossValue: ${teacherLogits.length} teacher logits, ${studentLogits.length} student logits`,
    );
  }
  const teacherLog = logSoftmax(teacherLogits, temperature);
  const studentLog = logSoftmax(studentLogits, temperature);
  const divergence = teacherLog.reduce((sum, logP, index) => sum + Math.exp(logP) * (logP - studentLog[index]), 0);
  return scaleByTemperatureSquared ? temperature * temperature * divergence : divergence;
}

/** a · studentLoss + (1 - a) · distillationLoss, with a = studentLossWeight in [0, 1]. */
export function combineLossValues(studentLoss: number, distillationLoss: number, studentLossWeight: number): number {
  if (!(studentLossWeight >= 0 && studentLossWeight <= 1))
    throw new Error(`combineLossValues: studentLossWeight must be in [0, 1], got ${studentLossWeight}`);
  return studentLossWeight * studentLoss + (1 - studentLossWeight) * distillationLoss;
}

/** Label-smoothed target for one label: (1 - ε) · onehot(y) + ε / K. */
export function smoothedTarget(label: number, classCount: number, smoothing: number): number[] {
  if (!Number.isInteger(classCount) || classCount < 1)
    throw new Error(`smoothedTarget: classCount must be an integer >= 1, got ${classCount}`);
  if (!Number.isInteger(label) || label < 0 || label >= classCount)
    throw new Error(`smoothedTarget: label ${label} is outside 0..${classCount - 1}`);
  if (!(smoothing >= 0 && smoothing <= 1))
    throw new Error(`smoothedTarget: smoothing must be in [0, 1], got ${smoothing}`);
  return Array.from(
    { length: classCount },
    (_, index) => (index === label ? 1 - smoothing : 0) + smoothing / classCount,
  );
}
