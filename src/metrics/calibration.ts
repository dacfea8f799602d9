/**
 * Calibration of a classifier's softmax confidences (Guo et al., "On Calibration of Modern
 * Neural Networks", ICML 2017): expected calibration error over equal-width confidence bins,
 * negative log-likelihood, and temperature scaling (one scalar T > 0 dividing the logits,
 * fitted on held-out logits by minimising NLL). Plain numbers, float64 arithmetic.
 */

/** Row-major logits: `rows` × `columns` (the shape of src/tensors' FloatMatrix). */
export interface LogitRows {
  data: ArrayLike<number>;
  rows: number;
  columns: number;
}

/** The number of confidence bins Guo et al. use. */
export const calibrationBinCount = 15;

function checkLogits(logits: LogitRows, labels: ArrayLike<number>, functionName: string): void {
  const { rows, columns } = logits;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1)
    throw new Error(`${functionName}: need at least one row and one column of logits, got ${rows} x ${columns}`);
  if (logits.data.length !== rows * columns)
    throw new Error(`${functionName}: ${logits.data.length} logits cannot be ${rows} rows of ${columns}`);
  if (labels.length !== rows) throw new Error(`${functionName}: ${labels.length} labels for ${rows} rows of logits`);
  for (let row = 0; row < rows; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= columns)
      throw new Error(`${functionName}: label ${label} at position ${row} is outside 0..${columns - 1}`);
  }
}

/**
 * Mean negative log-likelihood of the labels under softmax(logits / temperature), natural
 * log: (1/n) Σ_i [log Σ_j exp(z_ij / T) - z_{i,y_i} / T] (computed with the row maximum
 * subtracted, so large logits do not overflow).
 */
export function negativeLogLikelihood(logits: LogitRows, labels: ArrayLike<number>, temperature = 1): number {
  checkLogits(logits, labels, 'negativeLogLikelihood');
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`negativeLogLikelihood: temperature must be a finite number > 0, got ${temperature}`);
  const { data, rows, columns } = logits;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let maximum = Number.NEGATIVE_INFINITY;
    for (let column = 0; column < columns; column++) maximum = Math.max(maximum, data[offset + column] / temperature);
    let sum = 0;
    for (let column = 0; column < columns; column++) sum += Math.exp(data[offset + column] / temperature - maximum);
    total += maximum + Math.log(sum) - data[offset + labels[row]] / temperature;
  }
  return total / rows;
}

/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Predictions whose confidence falls in the bin. */
  count: number;
  /** Their mean confidence (max softmax probability); NaN when the bin is empty. */
  confidence: number;
  /** Their accuracy; NaN when the bin is empty. */
  accuracy: number;
}

/** What {@link expectedCalibrationError} returns. */
export interface Calibration {
  /** Σ_m (|B_m| / n) |acc(B_m) - conf(B_m)|, in [0, 1]. */
  expectedCalibrationError: number;
  /** Bin m holds the confidences in ((m-1)/M, m/M], m = 1..M (bin index m - 1). */
  bins: ReliabilityBin[];
}

/**
 * Expected calibration error of softmax(logits / temperature) with `binCount` equal-width
 * confidence bins (Guo et al. 2017, eq. 3): confidence = the largest probability of a row,
 * its prediction = that class (the first one on ties, like argmax), bin m = ((m-1)/M, m/M],
 * ECE = Σ_m (|B_m| / n) |acc(B_m) - conf(B_m)|. Also returns the bins (a reliability diagram).
 */
export function expectedCalibrationError(
  logits: LogitRows,
  labels: ArrayLike<number>,
  options: { binCount?: number; temperature?: number } = {},
): Calibration {
  checkLogits(logits, labels, 'expectedCalibrationError');
  const binCount = options.binCount ?? calibrationBinCount;
  const temperature = options.temperature ?? 1;
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new Error(`expectedCalibrationError: binCount must be an integer >= 1, got ${binCount}`);
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`expectedCalibrationError: temperature must be a finite number > 0, got ${temperature}`);
  const { data, rows, columns } = logits;
  const counts = new Array<number>(binCount).fill(0);
  const confidenceSums = new Array<number>(binCount).fill(0);
  const correctCounts = new Array<number>(binCount).fill(0);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let best = 0;
    for (let column = 1; column < columns; column++) if (data[offset + column] > data[offset + best]) best = column;
    let sum = 0;
    for (let column = 0; column < columns; column++)
      sum += Math.exp((data[offset + column] - data[offset + best]) / temperature);
    const confidence = 1 / sum;
    const bin = Math.min(binCount - 1, Math.max(0, Math.ceil(confidence * binCount) - 1));
    counts[bin]++;
    confidenceSums[bin] += confidence;
    if (best === labels[row]) correctCounts[bin]++;
  }
  let error = 0;
  const bins = counts.map((count, bin) => {
    if (count === 0) return { count, confidence: Number.NaN, accuracy: Number.NaN };
    const confidence = confidenceSums[bin] / count;
    const accuracy = correctCounts[bin] / count;
    error += (count / rows) * Math.abs(accuracy - confidence);
    return { count, confidence, accuracy };
  });
  return { expectedCalibrationError: error, bins };
}

/** Search range of {@link fitTemperature}: T in [1/100, 100]. */
const logTemperatureRange = [Math.log(0.01), Math.log(100)] as const;

/**
 * Temperature scaling (Guo et al. 2017, section 4.2): the T > 0 minimising
 * NLL(softmax(z / T), y) on held-out logits, by golden-section search on log T over
 * [1/100, 100] to a width of 1e-7 (deterministic). NLL is convex in 1/T (a log-sum-exp of
 * linear functions minus a linear one), hence unimodal in log T, so the search finds the
 * minimum; it lands on a bound when the minimum lies outside the range, and returns exactly 1
 * when no T found does better.
 */
export function fitTemperature(logits: LogitRows, labels: ArrayLike<number>): number {
  checkLogits(logits, labels, 'fitTemperature');
  const loss = (logTemperature: number) => negativeLogLikelihood(logits, labels, Math.exp(logTemperature));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [low, high] = logTemperatureRange;
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = loss(left);
  let rightLoss = loss(right);
  while (high - low > 1e-7) {
    if (leftLoss <= rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = loss(left);
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = loss(right);
    }
  }
  // T = 1 is a candidate too, so scaling never makes the fitted split's NLL worse.
  const candidates = [logTemperatureRange[0], (low + high) / 2, logTemperatureRange[1], 0];
  const losses = candidates.map(loss);
  return Math.exp(candidates[losses.indexOf(Math.min(...losses))]);
}
