/**
 * The objects that hold who may see and edit what: profiles, permission sets (a profile's own
 * permissions are a permission set too, IsOwnedByProfile), their assignments, field permissions
 * (field-level security) and object permissions. Read-only through the API in the local org:
 * they come from the source metadata and the dataset.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 */
import { KEY_PREFIX } from '../ids.js';
import type { SObjectDef } from '../model.js';
import { READ_ONLY, auditFields, checkbox, idField, reference, text } from './fields.js';

const audit = () => auditFields({ lastModified: true, systemModstamp: true });
const flag = (name: string, label: string) => checkbox(name, label, READ_ONLY);
const required = { ...READ_ONLY, nillable: false };

function readOnlyObject(name: keyof typeof KEY_PREFIX, label: string, labelPlural: string, fields: SObjectDef['fields'], children: SObjectDef['childRelationships'] = []): SObjectDef {
  return { name, label, labelPlural, keyPrefix: KEY_PREFIX[name], custom: false, createable: false, updateable: false, deletable: false, queryable: true, fields, childRelationships: children };
}

/** Profile, PermissionSet, PermissionSetAssignment, FieldPermissions and ObjectPermissions (fresh copies). */
export function permissionObjects(): SObjectDef[] {
  return [
    readOnlyObject('Profile', 'Profile', 'Profiles', [idField('Profile'), text('Name', 'Name', 255, required), text('Description', 'Description', 255, READ_ONLY), ...audit()]),
    readOnlyObject(
      'PermissionSet',
      'Permission Set',
      'Permission Sets',
      [
        idField('Permission Set'),
        text('Name', 'Name', 80, required),
        text('Label', 'Label', 80, required),
        text('Description', 'Description', 255, READ_ONLY),
        flag('IsOwnedByProfile', 'Is Owned By Profile'),
        reference('ProfileId', 'Profile ID', ['Profile'], 'Profile', READ_ONLY),
        flag('PermissionsViewAllData', 'View All Data'),
        flag('PermissionsModifyAllData', 'Modify All Data'),
        flag('PermissionsApiEnabled', 'API Enabled'),
        ...audit(),
      ],
      [
        { relationshipName: 'Assignments', childSObject: 'PermissionSetAssignment', field: 'PermissionSetId', cascadeDelete: true },
        { relationshipName: 'FieldPerms', childSObject: 'FieldPermissions', field: 'ParentId', cascadeDelete: true },
        { relationshipName: 'ObjectPerms', childSObject: 'ObjectPermissions', field: 'ParentId', cascadeDelete: true },
      ],
    ),
    readOnlyObject('PermissionSetAssignment', 'Permission Set Assignment', 'Permission Set Assignments', [
      idField('Permission Set Assignment'),
      reference('AssigneeId', 'Assignee ID', ['User'], 'Assignee', required),
      reference('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', required),
      ...audit(),
    ]),
    readOnlyObject('FieldPermissions', 'Field Permissions', 'Field Permissions', [
      idField('Field Permissions'),
      reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', required),
      text('SobjectType', 'Sobject Type Name', 255, required),
      text('Field', 'Field Name', 255, required),
      flag('PermissionsRead', 'Read Access'),
      flag('PermissionsEdit', 'Edit Access'),
      ...audit(),
    ]),
    readOnlyObject('ObjectPermissions', 'Object Permissions', 'Object Permissions', [
      idField('Object Permissions'),
      reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', required),
      text('SobjectType', 'Sobject Type Name', 255, required),
      flag('PermissionsRead', 'Read'),
      flag('PermissionsCreate', 'Create'),
      flag('PermissionsEdit', 'Edit'),
      flag('PermissionsDelete', 'Delete'),
      flag('PermissionsViewAllRecords', 'View All'),
      flag('PermissionsModifyAllRecords', 'Modify All'),
      ...audit(),
    ]),
  ];
}
