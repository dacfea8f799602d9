import { fashionMnistLabelNames } from '../data/fashionMnist';
import { newsgroupNames } from '../data/newsgroups';
import { createHierarchy, type LabelHierarchy } from './labelHierarchy';

/** The 20 Newsgroups group names in scikit-learn's order (the data loader's list), index = target id. */
export const newsgroupLabelNames: readonly string[] = newsgroupNames;

/**
 * The six groups of Yu & Kim 2022 ("Text Classification Using Heterogeneous Knowledge
 * Distillation", J. KSCI 27(10)), by scikit-learn id: A {1-5} computers, B {6,7,8}
 * for sale / autos / motorcycles, C {9,10} sport, D {11-14} science, E {16,17,18}
 * politics, F {0,15,19} religion. Coarse ids follow the letters (A = 0 … F = 5).
 */
export const newsgroupsPaperHierarchy: LabelHierarchy = createHierarchy({
  name: 'newsgroups-paper',
  description: 'Yu & Kim 2022: 20 Newsgroups in six groups A-F (by scikit-learn id)',
  fineLabelNames: [...newsgroupLabelNames],
  groups: {
    'A: computers': [1, 2, 3, 4, 5],
    'B: sale and vehicles': [6, 7, 8],
    'C: sport': [9, 10],
    'D: science': [11, 12, 13, 14],
    'E: politics': [16, 17, 18],
    'F: religion': [0, 15, 19],
  },
});

/**
 * The usual grouping by newsgroup name prefix: comp.* -> comp, rec.* -> rec,
 * sci.* -> sci, talk.politics.* -> politics, alt.atheism / soc.religion.christian /
 * talk.religion.misc -> religion, misc.forsale -> misc. Differs from the paper's
 * grouping in that autos and motorcycles join sport under rec, and for-sale stands alone.
 */
export const newsgroupsNameHierarchy: LabelHierarchy = createHierarchy({
  name: 'newsgroups-names',
  description: '20 Newsgroups grouped by name prefix: comp / rec / sci / politics / religion / misc',
  fineLabelNames: [...newsgroupLabelNames],
  groups: {
    comp: newsgroupLabelNames.filter((group) => group.startsWith('comp.')),
    rec: newsgroupLabelNames.filter((group) => group.startsWith('rec.')),
    sci: newsgroupLabelNames.filter((group) => group.startsWith('sci.')),
    politics: newsgroupLabelNames.filter((group) => group.startsWith('talk.politics.')),
    religion: ['alt.atheism', 'soc.religion.christian', 'talk.religion.misc'],
    misc: ['misc.forsale'],
  },
});

/**
 * The seven top-level name prefixes of Usenet's hierarchy: alt, comp, misc, rec, sci, soc,
 * talk (so religion splits over alt / soc / talk, and politics joins talk.religion.misc).
 */
export const newsgroupsTopLevelHierarchy: LabelHierarchy = createHierarchy({
  name: 'newsgroups-top-level',
  description: '20 Newsgroups by the first part of the name: alt / comp / misc / rec / sci / soc / talk',
  fineLabelNames: [...newsgroupLabelNames],
  groups: Object.fromEntries(['alt', 'comp', 'misc', 'rec', 'sci', 'soc', 'talk'].map((prefix) => [prefix, newsgroupLabelNames.filter((group) => group.split('.')[0] === prefix)])),
});

/**
 * Three groups, each a union of the paper's groups (so it is a strict coarsening of
 * `newsgroups-paper`: every paper group lies inside one of these), merged by the kind of
 * discussion: technical (A computers + D science: hardware, software, cryptography,
 * electronics, medicine, space), leisure and trade (B for sale / autos / motorcycles + C
 * sport), and debate (E politics + F religion and atheism). Our choice, for asking how
 * coarse the teacher's concepts may get (6 -> 3 groups) before they stop helping.
 */
export const newsgroupsThreeGroupHierarchy: LabelHierarchy = createHierarchy({
  name: 'newsgroups-3',
  description: "20 Newsgroups in three groups, unions of the paper's six: computing+science / recreation+forsale / talk+religion",
  fineLabelNames: [...newsgroupLabelNames],
  groups: {
    'computing and science': [1, 2, 3, 4, 5, 11, 12, 13, 14],
    'recreation and for sale': [6, 7, 8, 9, 10],
    'talk and religion': [0, 15, 16, 17, 18, 19],
  },
});

/**
 * Fashion-MNIST's ten garments in five kinds. Yu & Kim (IEEE Access 2024, "Heterogeneous
 * Knowledge Distillation Using Conceptual Learning") trained the teacher on coarse
 * Fashion-MNIST groups; their exact table was not at hand, so this is our choice, by
 * what the garment is worn as: tops {T-shirt/top, Pullover, Coat, Shirt},
 * bottoms {Trouser}, dresses {Dress}, footwear {Sandal, Sneaker, Ankle boot}, bags {Bag}.
 * Supply another grouping through a hierarchy file when comparing with the paper.
 */
export const fashionMnistHierarchy: LabelHierarchy = createHierarchy({
  name: 'fashion-mnist-kinds',
  description: 'Fashion-MNIST garments by kind: tops / bottoms / dresses / footwear / bags (our grouping)',
  fineLabelNames: [...fashionMnistLabelNames],
  groups: {
    tops: ['T-shirt/top', 'Pullover', 'Coat', 'Shirt'],
    bottoms: ['Trouser'],
    dresses: ['Dress'],
    footwear: ['Sandal', 'Sneaker', 'Ankle boot'],
    bags: ['Bag'],
  },
});

/** Built-ins are shared by every caller: freeze them so no caller can change another's labels. */
function freezeHierarchy(hierarchy: LabelHierarchy): void {
  Object.freeze(hierarchy.fineLabelNames);
  Object.freeze(hierarchy.coarseLabelNames);
  Object.freeze(hierarchy.fineToCoarse);
  Object.freeze(hierarchy);
}

const builtIn: Record<string, LabelHierarchy> = {
  [newsgroupsPaperHierarchy.name]: newsgroupsPaperHierarchy,
  [newsgroupsNameHierarchy.name]: newsgroupsNameHierarchy,
  [newsgroupsTopLevelHierarchy.name]: newsgroupsTopLevelHierarchy,
  [newsgroupsThreeGroupHierarchy.name]: newsgroupsThreeGroupHierarchy,
  [fashionMnistHierarchy.name]: fashionMnistHierarchy,
};

Object.values(builtIn).forEach(freezeHierarchy);

/** Names accepted by {@link hierarchyByName}. */
export const builtInHierarchyNames: readonly string[] = Object.freeze(Object.keys(builtIn));

/** A built-in hierarchy: 'newsgroups-paper', 'newsgroups-names', 'newsgroups-top-level', 'newsgroups-3' or 'fashion-mnist-kinds'. */
export function hierarchyByName(name: string): LabelHierarchy {
  const hierarchy = builtIn[name];
  if (!hierarchy) throw new Error(`unknown label hierarchy "${name}"; built-in ones are ${builtInHierarchyNames.join(', ')} (or load one from a JSON file)`);
  return hierarchy;
}
