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
export { heterogeneousMethod, heterogeneousObjective } from './heterogeneous';
export { traditionalMethod, traditionalObjective } from './traditional';
export { plainMethod, plainObjective } from './plain';
export { coarseAuxiliaryMethod, coarseAuxiliaryObjective } from './coarseAuxiliary';
export { labelSmoothingMethod, labelSmoothingObjective } from './labelSmoothing';
export { teacherObjective } from './teacher';
export { professorHeterogeneousMethod, professorTraditionalMethod, professorObjective } from './professor';
export {
  professorDualHeterogeneousMethod,
  professorDualTraditionalMethod,
  dualProfessorObjective,
} from './dualProfessor';
export { decoupledMethod, decoupledCoarseMethod, decoupledObjective, targetClassRows } from './decoupled';
export { composedTeacherMethod, composedTeacherUniformMethod, composedTeacherObjective } from './composedTeacher';
export { loadMethodPlugins, pluginApi, type PluginApi } from './plugins';
export { softLabelsMethod, softLabelsObjective } from './softLabels';
export { hierarchicalCrossEntropyMethod, hierarchicalCrossEntropyObjective } from './hierarchicalCrossEntropy';
export { teacherFreeVirtualMethod, teacherFreeVirtualObjective } from './teacherFreeVirtual';
export { teacherFreeSelfMethod, teacherFreeSelfObjective } from './teacherFreeSelf';
