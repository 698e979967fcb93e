/**
 * Salesforce's describe JSON (`GET /sobjects`, `GET /sobjects/{T}/describe`) built from the schema.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../model.js';

const DEFAULT_API_VERSION = '64.0';

const SOAP_TYPE: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
  location: 'urn:location',
};

const TEXT_TYPES = new Set<FieldType>(['id', 'reference', 'string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url']);

/** One entry of a field's `picklistValues`. */
export interface PicklistEntry {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: null;
  value: string;
}

/**
 * Where describe takes a picklist field's values from. The schema holds the org's defaults; some
 * lists are the org's data (the stage picklist is its OpportunityStage rows), so the caller, which
 * has the data, may answer instead. Undefined: the field has no values.
 */
export type PicklistSource = (objectName: string, f: FieldDef) => readonly string[] | undefined;

const schemaPicklist: PicklistSource = (_objectName, f) => f.picklistValues;

function picklistEntries(f: FieldDef, values: readonly string[] | undefined): PicklistEntry[] {
  return (values ?? []).map((value) => ({
    active: true,
    defaultValue: f.defaultValue === value,
    label: value,
    validFor: null,
    value,
  }));
}

/** The describe entry of one field. */
function describeField(f: FieldDef, picklistValues: readonly string[] | undefined): Record<string, unknown> {
  const text = TEXT_TYPES.has(f.type);
  const length = text ? (f.length ?? 18) : 0;
  const isNumber = f.type === 'double' || f.type === 'currency' || f.type === 'percent';
  const filterable = f.filterable ?? true;
  const defaultedOnCreate = f.type === 'boolean' || f.defaultValue !== undefined || (f.createable && !f.nillable && !f.required);
  return {
    aggregatable: filterable && f.type !== 'boolean',
    autoNumber: false,
    byteLength: length * 3,
    calculated: f.calculatedFormula !== undefined,
    calculatedFormula: f.calculatedFormula ?? null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: f.compoundFieldName ?? (f.name === 'FirstName' || f.name === 'LastName' ? 'Name' : null),
    controllerName: null,
    createable: f.createable,
    custom: f.custom ?? false,
    defaultValue: f.defaultValue ?? null,
    defaultValueFormula: null,
    defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.type === 'int' ? (f.precision ?? 9) : 0,
    encrypted: false,
    externalId: f.externalId ?? false,
    extraTypeInfo: null,
    filterable,
    filteredLookupInfo: null,
    groupable: filterable && !isNumber && f.type !== 'datetime' && !f.components,
    htmlFormatted: false,
    idLookup: f.type === 'id' || (f.externalId ?? false),
    inlineHelpText: f.inlineHelpText ?? null,
    label: f.label,
    length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.name === 'Name',
    namePointing: (f.referenceTo?.length ?? 0) > 1,
    nillable: f.nillable,
    permissionable: f.nillable && !!f.custom,
    picklistValues: picklistEntries(f, picklistValues),
    polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
    precision: isNumber ? (f.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist ?? false,
    scale: isNumber ? (f.scale ?? 0) : 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPE[f.type],
    sortable: f.sortable ?? true,
    type: f.type,
    unique: f.unique ?? false,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

/**
 * The object's resource URLs: only those the local org serves. A real org also lists layouts,
 * compactLayouts, approvalLayouts, quickActions, listviews, defaultValues and UI pages; a client
 * that follows those here would meet 404s, so describe does not advertise them.
 */
function objectUrls(def: SObjectDef, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${def.name}`;
  return {
    rowTemplate: `${base}/{ID}`,
    describe: `${base}/describe`,
    sobject: base,
  };
}

/** The object-level flags both describe and describeGlobal report (and `GET /sobjects/{T}` as objectDescribe). */
export function objectSummary(def: SObjectDef, apiVersion: string): Record<string, unknown> {
  return {
    activateable: false,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix || null,
    label: def.label,
    labelPlural: def.labelPlural,
    // Neither page layouts, recently viewed records (MRU, FOR VIEW) nor SOSL are served: say so.
    layoutable: false,
    mergeable: false,
    mruEnabled: false,
    name: def.name,
    queryable: def.queryable,
    // Objects without a query of their own (the activity views) cannot be retrieved or replicated either.
    replicateable: def.queryable,
    retrieveable: def.queryable,
    searchable: false,
    triggerable: def.createable,
    undeletable: def.deletable,
    updateable: def.updateable,
    urls: objectUrls(def, apiVersion),
  };
}

/** `GET /sobjects/{T}/describe` for one object; `picklists` answers each picklist field's values (default: the schema's). */
export function describeSObject(
  def: SObjectDef,
  apiVersion: string = DEFAULT_API_VERSION,
  picklists: PicklistSource = schemaPicklist,
): Record<string, unknown> {
  return {
    ...objectSummary(def, apiVersion),
    actionOverrides: [],
    childRelationships: def.childRelationships.map((rel) => ({
      cascadeDelete: rel.cascadeDelete ?? false,
      childSObject: rel.childSObject,
      deprecatedAndHidden: false,
      field: rel.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: rel.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: false,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: def.fields.map((f) => describeField(f, picklists(def.name, f))),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: false,
    sobjectDescribeOption: 'FULL',
    // SOQL's USING SCOPE is not served.
    supportedScopes: [],
  };
}

/** `GET /sobjects`: every object, without fields. */
export function describeGlobal(schema: OrgSchema, apiVersion: string = DEFAULT_API_VERSION): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects().map((def) => objectSummary(def, apiVersion)),
  };
}
