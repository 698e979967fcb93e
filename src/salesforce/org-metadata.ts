import type { Connection } from 'jsforce';
import type { ObjectDescribe, OrgMetadataPort } from '../mapping/org-metadata.js';

interface QueryPage<T> {
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

/** The org's describe, versions and permissions through jsforce (the port `mapping check` uses). */
export class JsforceOrgMetadata implements OrgMetadataPort {
  constructor(private readonly conn: Connection) {}

  private path(suffix: string): string {
    return `/services/data/v${this.conn.version}/${suffix}`;
  }

  async apiVersions(): Promise<string[]> {
    const versions = await this.conn.request<{ version: string }[]>('/services/data');
    return versions.map((v) => v.version);
  }

  async describe(objectName: string): Promise<ObjectDescribe | undefined> {
    try {
      return await this.conn.request<ObjectDescribe>(this.path(`sobjects/${encodeURIComponent(objectName)}/describe`));
    } catch (error) {
      if ((error as { errorCode?: string }).errorCode === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    let page = await this.conn.request<QueryPage<T>>(this.path(`query?q=${encodeURIComponent(soql)}`));
    const rows = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await this.conn.request<QueryPage<T>>(page.nextRecordsUrl);
      rows.push(...page.records);
    }
    return rows;
  }

  async userId(): Promise<string> {
    // The resource map's identity URL ends in the user's id (…/id/<orgId>/<userId>).
    const resources = await this.conn.request<{ identity: string }>(this.path(''));
    return resources.identity.split('/').pop() ?? '';
  }
}
