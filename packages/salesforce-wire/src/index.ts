/**
 * Salesforce wire facts that dealrisk and its local org both need, and nothing else: the record id
 * format (15 and 18 characters, the case-safe suffix) and the wire forms of dates and date-times.
 * A leaf: it imports nothing.
 */
export { caseSafeSuffix, toId18 } from './ids.js';
export { isValidDate, isWireDateTime, normaliseDateTime, parseDateTime, toWireDate, toWireDateTime } from './dates.js';
