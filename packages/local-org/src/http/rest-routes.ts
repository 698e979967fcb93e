import { MAX_API_VERSION, MIN_API_VERSION, type OrgContext } from './context.js';
import { ok, type Operation } from './operations.js';

/** Release label of an API version: 42.0 is Spring '18, then three releases a year. */
function releaseLabel(version: number): string {
  const step = version - 42;
  const season = (['Spring', 'Summer', 'Winter'] as const)[step % 3]!;
  const year = 18 + Math.floor(step / 3) + (season === 'Winter' ? 1 : 0);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** `GET /services/data`: every served version, oldest first, as Salesforce lists them. */
export function versionList(): { label: string; url: string; version: string }[] {
  const list = [];
  for (let version = MIN_API_VERSION; version <= MAX_API_VERSION; version += 1) {
    list.push({ label: releaseLabel(version), url: `/services/data/v${version}.0`, version: `${version}.0` });
  }
  return list;
}

/** The resource map and `GET /limits`. */
export function restOperations(org: OrgContext): Operation[] {
  return [
    {
      method: 'GET',
      path: '/',
      run: (input) => {
        const base = `/services/data/v${input.apiVersion}.0`;
        const resources = ['sobjects', 'query', 'queryAll', 'limits', 'composite'];
        return ok({
          ...Object.fromEntries(resources.map((name) => [name, `${base}/${name}`])),
          // The identity URL lives on the login host, as Salesforce's does (https://login.salesforce.com/id/…).
          identity: `${input.loginOrigin}/id/${org.orgId}/${input.userId}`,
        });
      },
    },
    // Counted like any REST call (Salesforce exempts only the versions list).
    { method: 'GET', path: '/limits', run: () => ok(org.usage.limits()) },
  ];
}
