/**
 * Salesforce's wording for the query errors the local org produces. Salesforce prefixes some
 * messages with the offending query excerpt and a caret; clients key on `errorCode` and the final
 * sentence, which is what these carry.
 */
import { SoqlError } from './soql-error.js';

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

/** MALFORMED_QUERY; `cause` keeps the parser's own error for debugging. */
export function malformed(message: string, options?: ErrorOptions): SoqlError {
  return new SoqlError('MALFORMED_QUERY', message, options);
}

export function noSuchColumn(field: string, entity: string): SoqlError {
  return new SoqlError('INVALID_FIELD', `No such column '${field}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`);
}

export function unknownObject(name: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** An object that exists but supports no query of its own (ActivityHistory, OpenActivity: child relationships only). */
export function notQueryable(name: string): SoqlError {
  return new SoqlError('INVALID_TYPE_FOR_OPERATION', `entity type ${name} does not support query`);
}

export function unknownChildRelationship(name: string): SoqlError {
  return new SoqlError('INVALID_TYPE', `Didn't understand relationship '${name}' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`);
}

export function unknownParentRelationship(name: string): SoqlError {
  return new SoqlError('INVALID_FIELD', `Didn't understand relationship '${name}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`);
}

/** A literal of the wrong kind for the field, e.g. a quoted date on a date field. */
export function wrongValueType(field: string, typeName: string, quoted: boolean): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${field}' must be of type ${typeName} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

export function badOperator(message: string): SoqlError {
  return new SoqlError('INVALID_QUERY_FILTER_OPERATOR', message);
}

export function notFilterable(field: string): SoqlError {
  return new SoqlError('INVALID_FIELD', `field '${field}' can not be filtered in a query call`);
}

export function notGroupable(field: string): SoqlError {
  return new SoqlError('INVALID_FIELD', `field '${field}' can not be grouped in a query call`);
}

export function notSortable(field: string): SoqlError {
  return new SoqlError('INVALID_FIELD', `field '${field}' can not be sorted in a query call`);
}

export function offsetTooLarge(): SoqlError {
  return new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
}
