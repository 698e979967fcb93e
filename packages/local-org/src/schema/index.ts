/** The local org's schema: standard and permission objects, what the source metadata defines, and describe output. */
export { createOrgSchema } from './org-schema.js';
export {
  STANDARD_STAGES,
  FORECAST_CATEGORY_BY_NAME,
  TASK_STATUSES,
  type StandardStage,
} from './standard-objects.js';
export { describeSObject, describeGlobal } from './describe.js';
