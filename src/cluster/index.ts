export * from './sbatchScript';
export * from './slurmClient';
