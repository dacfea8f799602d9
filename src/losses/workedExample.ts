/**
 * Paper 1's worked example (Yu & Kim 2022, "Text Classification Using Heterogeneous
 * Knowledge Distillation", J. KSCI 27(10)): at T = 1 with studentLossWeight 0.1 the paper
 * reports distillation loss 0.0851, student loss 0.5108 (= -ln 0.6) and total 0.1277
 * (= 0.9 × 0.0851 + 0.1 × 0.5108).
 *
 * RECONSTRUCTED: the paper's own probability vectors were not available to us. These are
 * the simplest one-decimal vectors we found that reproduce its numbers:
 * KL([0.7, 0.2, 0.1] || [0.5, 0.3, 0.2]) = 0.7 ln 1.4 + 0.2 ln(2/3) + 0.1 ln 0.5
 * = 0.085123 -> 0.0851, and a prediction layer giving the true fine class 0.6.
 */
export const paperWorkedExample = Object.freeze({
  /** The coarse teacher's softmax over three coarse classes (reconstructed). */
  teacherProbabilities: Object.freeze([0.7, 0.2, 0.1]),
  /** The student's distillation-layer softmax over the same coarse classes (reconstructed). */
  studentDistillationProbabilities: Object.freeze([0.5, 0.3, 0.2]),
  /** The student's prediction-layer softmax over fine classes; the true class has 0.6. */
  studentPredictionProbabilities: Object.freeze([0.6, 0.3, 0.1]),
  trueFineIndex: 0,
  temperature: 1,
  studentLossWeight: 0.1,
  /** The values the paper prints, to four decimals. */
  reported: Object.freeze({ distillationLoss: 0.0851, studentLoss: 0.5108, totalLoss: 0.1277 }),
});
