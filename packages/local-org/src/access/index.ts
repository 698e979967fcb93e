/** Who may see and edit what: permission rows, per-user access and the org as a user sees it. */
export { withAccessRecords, BUILT_IN_PROFILES, builtInProfileId, sourcePermissionSetId } from './access-records.js';
export { userAccess, type UserAccess, type FieldAccess } from './user-access.js';
export { userView, type UserView } from './user-view.js';
export { refuseByAccess } from './write-access.js';
