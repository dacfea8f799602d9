export { buildTeacher, teacherHiddenUnitsFor, paperTeacherBodyParameters, type TeacherOptions } from './teacher';
export { buildStudent, studentHiddenUnitsFor, predictionLayerName, distillationLayerName, type StudentOptions } from './student';
export { countParameters, describeModel, formatModelDescription, type LayerRow } from './summary';
export { SeededDropout, type SeededDropoutArgs } from './seededDropout';
