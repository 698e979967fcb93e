/** The local org's schema: standard objects, dealrisk's custom fields and describe output. */
export { createOrgSchema } from './org-schema.js';
export { loadCustomFields, parseCustomFields, defaultCustomFieldsPath, type CustomFields } from './custom-fields.js';
export {
  STANDARD_STAGES,
  FORECAST_CATEGORY_BY_NAME,
  TASK_STATUSES,
  type StandardStage,
} from './standard-objects.js';
export { describeSObject, describeGlobal } from './describe.js';
