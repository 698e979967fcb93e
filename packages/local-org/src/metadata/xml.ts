/**
 * Metadata XML (the SFDX source format) as plain objects: element names as keys, text as strings,
 * repeated elements as arrays. A file that is not well-formed XML, or whose root is not the
 * expected metadata type in Salesforce's namespace, is a SetupError naming the file.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SetupError } from '../errors/setup-error.js';

/** Salesforce's metadata namespace, on every source file's root element. */
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** Elements that may repeat inside the metadata types the local org reads. */
const REPEATED = new Set(['fieldPermissions', 'objectPermissions', 'userPermissions', 'columns', 'filters']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  // A picklist's <value> repeats; a list view filter's <value> does not.
  isArray: (name, jpath) => REPEATED.has(name) || (name === 'value' && String(jpath).endsWith('valueSetDefinition.value')),
});

/** An element's content: text, or child elements by name. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | undefined };

/** Parses one source file whose root element must be `rootName` in the metadata namespace. */
export function parseMetadataXml(text: string, rootName: string, file: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new SetupError([{ key: file, problem: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` }]);
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const root = document[rootName];
  if (root === undefined || typeof root !== 'object' || root === null) {
    const found = Object.keys(document).filter((key) => !key.startsWith('?'));
    throw new SetupError([{ key: file, problem: `expected a <${rootName}> document, found <${found.join('>, <') || 'nothing'}>` }]);
  }
  const namespace = (root as Record<string, unknown>)['@xmlns'];
  if (namespace !== METADATA_NAMESPACE) {
    throw new SetupError([{ key: file, problem: `<${rootName}> must declare xmlns="${METADATA_NAMESPACE}"` }]);
  }
  return root as Record<string, unknown>;
}
