/** The papers this project reproduces: their reported numbers, chosen settings and claims, one file per paper. */
import { paper1Claims, paper1Name } from './paper1Newsgroups';
import { paper2Claims, paper2Name } from './paper2FashionMnist';
import type { PaperClaim } from './paperClaim';

export { paper1Claims, paper1Choices, paper1Name, paper1Reference } from './paper1Newsgroups';
export { paper2Claims, paper2Name } from './paper2FashionMnist';
export {
  claimWithEvidence,
  coarseTeacherComparison,
  reportedDifference,
  sharedComparisons,
  type ClaimComparison,
  type PaperClaim,
} from './paperClaim';

/** The paper a data set's runs are compared with: paper 2 on Fashion-MNIST, paper 1 otherwise. */
export function paperFor(datasetKind: string | undefined): { name: string; claims: PaperClaim[] } {
  return datasetKind === 'fashion-mnist'
    ? { name: paper2Name, claims: paper2Claims }
    : { name: paper1Name, claims: paper1Claims };
}

/** The claims the report tests for a data set: paper 2's on Fashion-MNIST, paper 1's otherwise. */
export function paperClaimsFor(datasetKind: string | undefined): PaperClaim[] {
  return paperFor(datasetKind).claims;
}
