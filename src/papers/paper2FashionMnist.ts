/**
 * Paper 2: Yu & Kim (IEEE Access 2024), heterogeneous knowledge distillation on
 * Fashion-MNIST. Only its abstract was available: it reports that heterogeneous KD (a
 * teacher on garment kinds) is more accurate than traditional KD and gives no figures we
 * could read, so each claim's evidence says so. The within-group claim is our reading of the
 * paper's point (conceptual learning).
 */
import { claimWithEvidence, coarseTeacherComparison, sharedComparisons, type PaperClaim } from './paperClaim';

/** Short name in tables and headings. */
export const paper2Name = 'paper 2';

/** Paper 2's claims on Fashion-MNIST (and our control's), in the order of the write-up. */
export const paper2Claims: PaperClaim[] = [
  claimWithEvidence(
    coarseTeacherComparison(
      'A teacher trained on the coarse garment kinds is more accurate (on its own labels) than one trained on the 10 classes',
    ),
    'paper 2 (abstract only): no figures available',
  ),
  claimWithEvidence(
    sharedComparisons['a-beats-b-accuracy'],
    "paper 2's abstract: higher accuracy than traditional KD (no figures available)",
  ),
  claimWithEvidence(sharedComparisons['a-beats-c-accuracy'], 'paper 2 (abstract only): no figures available'),
  {
    id: 'a-errors-in-group',
    statement: "When A is wrong, its mistake stays within the true class's coarse group more often than C's",
    paperEvidence: 'the point of conceptual learning (our test; not a figure of paper 2)',
    first: 'heterogeneous',
    second: 'plain',
    metric: 'withinGroupErrorShare',
    direction: 'greater',
  },
  claimWithEvidence(sharedComparisons['a-beats-d-accuracy'], 'not in paper 2 (our control)'),
];
