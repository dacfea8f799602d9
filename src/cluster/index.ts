export * from './sbatchScript';
export * from './slurmClient';
export * from './clusterArguments';
export * from './localWorkers';
export * from './slurmExecutor';
export * from './executor';
export * from './kubernetesJob';
