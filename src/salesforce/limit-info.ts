/** One counter of `Sforce-Limit-Info`: calls used out of those allowed. */
export interface Usage {
  used: number;
  limit: number;
}

const PART = /^([A-Za-z0-9_-]+)=(\d+)\/(\d+)$/;

/**
 * Every counter in a `Sforce-Limit-Info` header, by name: `api-usage=10018/100000; api-bursts=1/750`
 * gives `{ 'api-usage': {used: 10018, limit: 100000}, 'api-bursts': {used: 1, limit: 750} }`.
 * Split on `;` first: a regex anchored on `api-usage` alone fails once Salesforce adds parts.
 * Parts that are not `name=used/limit` are skipped.
 */
export function parseLimitInfo(header: string | undefined): Record<string, Usage> {
  const counters: Record<string, Usage> = {};
  for (const part of (header ?? '').split(';')) {
    const match = PART.exec(part.trim());
    if (match) counters[match[1]!] = { used: Number(match[2]), limit: Number(match[3]) };
  }
  return counters;
}

/** The org's daily API usage from a `Sforce-Limit-Info` header, if it has one. */
export function apiUsageOf(header: string | undefined): Usage | undefined {
  const counters = parseLimitInfo(header);
  return Object.hasOwn(counters, 'api-usage') ? counters['api-usage'] : undefined;
}
