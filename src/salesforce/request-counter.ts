import type { Connection } from 'jsforce';

/**
 * A view of `conn` that counts the REST requests made through it (each counts against the org's
 * daily API allowance). Jobs running at once on one connection each get their own view, so each
 * counts its own calls; the login and session stay shared.
 */
export function countingConnection(conn: Connection): { conn: Connection; count(): number } {
  let count = 0;
  const request = conn.request.bind(conn);
  const counted = ((...args: Parameters<typeof request>) => {
    count += 1;
    return request(...args);
  }) as typeof conn.request;
  const view = new Proxy(conn, { get: (target, property, receiver) => (property === 'request' ? counted : Reflect.get(target, property, receiver) as unknown) });
  return { conn: view, count: () => count };
}
