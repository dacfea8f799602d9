// The professor (issue 11 §1): our design after Bang, Lee & Shim 2021; see README.md here.
export * from './model';
export * from './professorLosses';
export * from './trainProfessor';
export * from './targetMetrics';
export * from './syntheticTeacher';
export * from './professorSettings';
