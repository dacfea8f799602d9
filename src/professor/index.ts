// The professor (a model between teacher and student that refines the teacher's targets): our design after Bang, Lee & Shim 2021; see README.md here.
export * from './model';
export * from './professorLosses';
export * from './trainProfessor';
export * from './targetMetrics';
export * from './syntheticTeacher';
export * from './professorSettings';
