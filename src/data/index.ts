// Public API of the data layer: verified downloads, archive/IDX readers, 20 Newsgroups and
// Fashion-MNIST loaders, paper 1's cleaning and splits.
export * from './download';
export * from './tar';
export * from './idx';
export * from './newsgroupStripping';
export * from './newsgroups';
export * from './textCleaning';
export * from './split';
export * from './newsgroupsSplits';
export * from './fashionMnist';
