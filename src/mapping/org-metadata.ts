/** What `mapping check` reads of an org: the port the check talks to (the jsforce adapter is src/salesforce/org-metadata.ts). */

/** One field of a describe, as far as the check reads it. */
export interface FieldDescribe {
  name: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  picklistValues: { value: string; active: boolean }[];
}

/** An object's describe: its fields (those the user can see) and record types. */
export interface ObjectDescribe {
  name: string;
  fields: FieldDescribe[];
  recordTypeInfos: { recordTypeId: string; available: boolean }[];
}

export interface OrgMetadataPort {
  /** The API versions the org serves, e.g. ['61.0', '62.0']. */
  apiVersions(): Promise<string[]>;
  /** The object as the logged-in user sees it; undefined when the org has no such object. */
  describe(objectName: string): Promise<ObjectDescribe | undefined>;
  /** Every row of a (small) query. Throws with Salesforce's errorCode when refused. */
  query<T extends Record<string, unknown>>(soql: string): Promise<T[]>;
  /** The logged-in user's id. */
  userId(): Promise<string>;
}
