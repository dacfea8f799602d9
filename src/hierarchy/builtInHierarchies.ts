import { fashionMnistLabelNames } from '../data/fashionMnist';
import { newsgroupNames } from '../data/newsgroups';
import { type DiscoveredHierarchy, parseDiscoveredHierarchyText } from './discover';
import fashionMnistConfusionFile from './files/fashion-mnist-confusion-5.json';
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
  groups: Object.fromEntries(
    ['alt', 'comp', 'misc', 'rec', 'sci', 'soc', 'talk'].map((prefix) => [
      prefix,
      newsgroupLabelNames.filter((group) => group.split('.')[0] === prefix),
    ]),
  ),
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
  description:
    "20 Newsgroups in three groups, unions of the paper's six: computing+science / recreation+forsale / talk+religion",
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
 * Fashion-MNIST groups; only the paper's abstract was at hand, so this is OUR choice, by
 * what the garment is worn as: tops {T-shirt/top, Pullover, Coat, Shirt},
 * bottoms {Trouser}, dresses {Dress}, footwear {Sandal, Sneaker, Ankle boot}, bags {Bag}.
 * Named `fashion-mnist-5`; the earlier name `fashion-mnist-kinds` is still accepted by
 * {@link hierarchyByName}. Supply another grouping through a hierarchy file when comparing with the paper.
 */
export const fashionMnist5Hierarchy: LabelHierarchy = createHierarchy({
  name: 'fashion-mnist-5',
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

/** The same object as {@link fashionMnist5Hierarchy} (its former export name). */
export const fashionMnistHierarchy: LabelHierarchy = fashionMnist5Hierarchy;

/**
 * Fashion-MNIST in three departments (OUR choice, see {@link fashionMnist5Hierarchy}):
 * clothing {T-shirt/top, Trouser, Pullover, Dress, Coat, Shirt}, footwear {Sandal,
 * Sneaker, Ankle boot}, bags {Bag}.
 */
export const fashionMnist3Hierarchy: LabelHierarchy = createHierarchy({
  name: 'fashion-mnist-3',
  description: 'Fashion-MNIST in three departments: clothing / footwear / bags (our grouping)',
  fineLabelNames: [...fashionMnistLabelNames],
  groups: {
    clothing: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Shirt'],
    footwear: ['Sandal', 'Sneaker', 'Ankle boot'],
    bags: ['Bag'],
  },
});

/**
 * Fashion-MNIST in five groups DERIVED FROM DATA (not hand-made): average-linkage clustering
 * of the symmetrised, row-normalised validation confusions of a dense MLP (784-256-128-10,
 * 15 epochs, seed 1, 54,000 training images; 88.5% test accuracy), cut at k = 5:
 * tops and dresses {T-shirt/top, Pullover, Dress, Coat, Shirt}, trousers, sandals,
 * sneakers and boots {Sneaker, Ankle boot}, bags. Stored with its merge tree and distances in
 * src/hierarchy/files/fashion-mnist-confusion-5.json (regenerate with
 * src/bench/fashionFloors.ts then src/bench/fashionDiscovery.ts; group names are ours).
 * Adjusted Rand index against fashion-mnist-5: 0.615.
 */
export const fashionMnistConfusionHierarchy: DiscoveredHierarchy = parseDiscoveredHierarchyText(
  JSON.stringify(fashionMnistConfusionFile),
  [...fashionMnistLabelNames],
  'src/hierarchy/files/fashion-mnist-confusion-5.json',
);

/** Built-ins are shared by every caller: freeze them so no caller can change another's labels. */
function freezeHierarchy(hierarchy: LabelHierarchy): void {
  Object.freeze(hierarchy.fineLabelNames);
  Object.freeze(hierarchy.coarseLabelNames);
  Object.freeze(hierarchy.fineToCoarse);
  const discovered = hierarchy as Partial<DiscoveredHierarchy>;
  if (discovered.merges) discovered.merges.forEach((merge) => Object.freeze(merge));
  if (discovered.merges) Object.freeze(discovered.merges);
  if (discovered.distances) discovered.distances.forEach((row) => Object.freeze(row));
  if (discovered.distances) Object.freeze(discovered.distances);
  Object.freeze(hierarchy);
}

const builtIn: Record<string, LabelHierarchy> = {
  [newsgroupsPaperHierarchy.name]: newsgroupsPaperHierarchy,
  [newsgroupsNameHierarchy.name]: newsgroupsNameHierarchy,
  [newsgroupsTopLevelHierarchy.name]: newsgroupsTopLevelHierarchy,
  [newsgroupsThreeGroupHierarchy.name]: newsgroupsThreeGroupHierarchy,
  [fashionMnist5Hierarchy.name]: fashionMnist5Hierarchy,
  [fashionMnist3Hierarchy.name]: fashionMnist3Hierarchy,
  [fashionMnistConfusionHierarchy.name]: fashionMnistConfusionHierarchy,
};

/** Former names still accepted by {@link hierarchyByName}: alias -> built-in name. */
export const builtInHierarchyAliases: Readonly<Record<string, string>> = Object.freeze({
  'fashion-mnist-kinds': 'fashion-mnist-5',
});

/**
 * Why each built-in grouping is a reasonable "higher concept" (one or two sentences,
 * for notebooks and reports). Every Fashion-MNIST grouping is ours: the paper that used
 * Fashion-MNIST was available as an abstract only.
 */
export const builtInHierarchyRationales: Readonly<Record<string, string>> = Object.freeze({
  'newsgroups-paper': 'The six groups A-F that Yu & Kim (2022) give for 20 Newsgroups, by scikit-learn id.',
  'newsgroups-names':
    "The newsgroups' own name prefixes (comp, rec, sci, talk.politics, religion, misc): the hierarchy the Usenet naming already states.",
  'newsgroups-top-level':
    'The seven top-level Usenet names (alt, comp, misc, rec, sci, soc, talk): the naming taken literally, which splits religion over alt, soc and talk.',
  'newsgroups-3':
    "Our coarsest newsgroups grouping, unions of the paper's six groups by the kind of discussion: technical (computers + science), " +
    'leisure and trade (for sale, vehicles, sport), debate (politics + religion); it asks how coarse the concepts may get before they stop helping.',
  'fashion-mnist-5':
    'Our grouping by what a garment is worn as: the four upper-body garments (T-shirt/top, pullover, coat, shirt) share a silhouette and ' +
    'are the classes image models confuse most, so a teacher that only tells kinds apart passes on which garments look alike; ' +
    'trousers and dresses have distinctive outlines and stand alone, the three shoes form footwear, and bags stand alone.',
  'fashion-mnist-3':
    'Our coarsest grouping, the departments of a clothes shop (clothing, footwear, bags): the three look very different ' +
    '(garment outlines, shoe profiles, bag rectangles), so the coarse task is nearly solved and the question is whether so little ' +
    'concept information still helps the student.',
  'fashion-mnist-confusion-5':
    'Derived, not designed: the groups a fine classifier itself mixes up on validation data (average-linkage clustering of its ' +
    'confusion rates). It agrees with fashion-mnist-5 on the tops and the bags, but puts dresses with the tops (the MLP confuses ' +
    'them with T-shirts and coats) and keeps sandals apart from sneakers and ankle boots; it tests whether a teacher taught the ' +
    'concepts the student actually struggles with helps more than a hand-made grouping.',
});

Object.values(builtIn).forEach(freezeHierarchy);

/** Names accepted by {@link hierarchyByName}. */
export const builtInHierarchyNames: readonly string[] = Object.freeze(Object.keys(builtIn));

/**
 * A built-in hierarchy: 'newsgroups-paper', 'newsgroups-names', 'newsgroups-top-level',
 * 'newsgroups-3', 'fashion-mnist-5', 'fashion-mnist-3' or 'fashion-mnist-confusion-5'
 * (or an alias in {@link builtInHierarchyAliases}).
 */
export function hierarchyByName(name: string): LabelHierarchy {
  const hierarchy = builtIn[builtInHierarchyAliases[name] ?? name];
  if (!hierarchy)
    throw new Error(
      `unknown label hierarchy "${name}"; built-in ones are ${builtInHierarchyNames.join(', ')} (or load one from a JSON file)`,
    );
  return hierarchy;
}
