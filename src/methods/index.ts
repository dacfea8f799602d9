export {
  type MethodDefinition,
  type NumberSetting,
  type StudentMethod,
  type TeacherNeed,
  builtInMethods,
  professorComparisons,
  teacherRoles,
  registeredMethods,
  methodByName,
  objectiveByName,
  resolveMethodSettings,
  registerMethod,
  unregisterMethod,
} from './registry';
export { studentLossWeightSetting, temperatureSetting, settingProblem } from './settings';
export * from './objective';
export { heterogeneous, heterogeneousObjective } from './heterogeneous';
export { traditional, traditionalObjective } from './traditional';
export { plain, plainObjective } from './plain';
export { coarseAuxiliary, coarseAuxiliaryObjective } from './coarseAuxiliary';
export { labelSmoothing, labelSmoothingObjective } from './labelSmoothing';
export { teacherObjective } from './teacher';
export { professorHeterogeneous, professorTraditional, professorObjective } from './professor';
export { professorDualHeterogeneous, professorDualTraditional, dualProfessorObjective } from './dualProfessor';
