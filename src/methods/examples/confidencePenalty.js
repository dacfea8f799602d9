// A method added from outside src/: the confidence penalty of Pereyra, Tucker, Chorowski,
// Kaiser & Hinton 2017 ("Regularizing Neural Networks by Penalizing Confident Output
// Distributions", ICLR workshop), a teacher-free control next to label smoothing (E):
//
//   L = CE(prediction, fine) - beta * H(softmax(prediction)),   H(p) = -(1/N) sum_n sum_k p_nk log p_nk
//
// The student is rewarded for spreading probability over the other classes (a higher
// entropy), as a soft target would, without any teacher.
//
// Use it (after `npm run build`):
//   npm run pipeline -- --plugin src/methods/examples/confidencePenalty.js --methods confidence-penalty --smoke
//   npm run pipeline -- --plugin ./confidencePenalty.js --methods plain,confidence-penalty --set methods.confidencePenalty.beta=0.5
//
// The file exports a function; the pipeline calls it with the library's API (`tf`, `losses`,
// `labelTerm`, `fineLabelTerm`, `requiredInput`, `headLogits`, setting helpers: see
// src/methods/plugins.ts) and registers the method definition it returns.

/** @param {import('../plugins').PluginApi} api */
module.exports = function confidencePenalty(api) {
  const { tf, fineLabelTerm } = api;
  return {
    name: 'confidence-penalty', // in --methods, run ids and records
    letter: 'CP', // in tables
    label: 'confidence penalty (control)',
    configKey: 'confidencePenalty', // its settings: methods.confidencePenalty.beta
    teacher: 'none', // 'coarse' / 'fine': the pipeline trains that teacher and passes its logits as inputs.teacherLogits
    distillationHead: false, // true: the student gets the coarse `distillation` head (inputs.distillation)
    settings: {
      beta: { description: 'beta: weight of the entropy bonus', minimum: 0, default: 0.1 },
    },
    lossTerms: ['student', 'entropy'], // logged per epoch besides the total
    order: 10, // row in the tables (A-E are 1-5, the professor strategies 6-9)
    kind: 'extension',
    // Stacked outputs of K students [K, B, classes]; settings are [K] tensors; return [K] terms.
    objective: (inputs) => {
      // Label terms go through labelTerm / fineLabelTerm: in few-label mode they skip unlabelled rows.
      const student = fineLabelTerm(inputs);
      const logits = inputs.prediction;
      const entropy = tf.neg(tf.mean(tf.sum(tf.mul(tf.softmax(logits), tf.logSoftmax(logits)), -1), -1));
      const total = tf.sub(student, tf.mul(inputs.settings.beta, entropy));
      return { total, student, entropy };
    },
  };
};
