export {
  type MethodDefinition,
  type NumberSetting,
  type TeacherNeed,
  builtInMethods,
  professorComparisons,
  teacherRoles,
  registeredMethods,
  methodByName,
  objectiveByName,
  resolveSettings,
  registerMethod,
  unregisterMethod,
} from './registry';
export * from './objectives';
export * from './professorObjectives';
