export {
  type MethodDefinition,
  type NumberSetting,
  type TeacherNeed,
  builtInMethods,
  teacherRoles,
  registeredMethods,
  methodByName,
  objectiveByName,
  resolveSettings,
  registerMethod,
  unregisterMethod,
} from './registry';
export * from './objectives';
