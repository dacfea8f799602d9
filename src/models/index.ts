export { buildTeacher, teacherHiddenUnitsFor, paperTeacherBodyParameters, type TeacherOptions } from './teacher';
export {
  buildStudent,
  studentHiddenUnitsFor,
  predictionLayerName,
  distillationLayerName,
  type StudentOptions,
} from './student';
export { countParameters, describeModel, formatModelDescription, type LayerRow } from './summary';
export { SeededDropout, type SeededDropoutArgs } from './seededDropout';
export {
  buildConvTeacher,
  fashionMnistImageShape,
  convTeacherDefaultFilters,
  convTeacherDefaultKernelSize,
  convTeacherDefaultDenseUnits,
  type ConvTeacherOptions,
} from './convTeacher';
export {
  buildImageStudent,
  imageStudentHiddenUnitsFor,
  convStudentDefaults,
  convTeacherFineParameters,
  type ImageStudentModel,
  type ImageStudentOptions,
} from './imageStudent';
export type { ImageShape } from './convStack';
