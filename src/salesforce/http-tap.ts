import type { Connection, HttpRequest, HttpRequestOptions } from 'jsforce';

/** One HTTP response jsforce received, before it parsed the body. */
export interface ObservedResponse {
  method: string;
  url: string;
  statusCode: number;
  /** Lowercase names, as jsforce keeps them (`sforce-limit-info`). */
  headers: Readonly<Record<string, string>>;
}

export type ResponseObserver = (response: ObservedResponse) => void;

export interface TapOptions {
  /** Called for every response of every call (REST, Bulk, OAuth), errors included. */
  onResponse?: ResponseObserver | undefined;
  /** Longest a request may wait for its response, instead of jsforce's 30 minutes. */
  timeoutMs?: number | undefined;
}

type Transport = Connection['_transport'];

/**
 * A transport that hands every response to `onResponse` and bounds every request by `timeoutMs`
 * (a host that drops packets would otherwise keep a login waiting for the OS's TCP timeout).
 * jsforce sends every API call through `conn._transport` and every OAuth call through
 * `conn.oauth2._transport`, and fills `conn.limitInfo` only from `conn.request` responses, so
 * wrapping the transport is the one place that sees all of them (jsforce 3.10.16, transport.ts).
 */
function tapped(transport: Transport, options: TapOptions): Transport {
  const httpRequest: Transport['httpRequest'] = (request: HttpRequest, requestOptions: HttpRequestOptions = {}) => {
    const timeout = requestOptions.timeout ?? options.timeoutMs;
    const pending = transport.httpRequest(request, timeout === undefined ? requestOptions : { ...requestOptions, timeout });
    const observe = options.onResponse;
    if (observe) {
      // A second listener only: the caller still gets the very promise (and its stream) jsforce made.
      pending.then(
        (response) => observe({ method: request.method, url: request.url, statusCode: response.statusCode, headers: response.headers }),
        () => undefined,
      );
    }
    return pending;
  };
  return Object.assign(Object.create(transport) as Transport, { httpRequest });
}

/** Puts the tap on both of a connection's transports; call it before the login so that is bounded too. */
export function tapConnection(conn: Connection, options: TapOptions): void {
  conn._transport = tapped(conn._transport, options);
  conn.oauth2._transport = tapped(conn.oauth2._transport, options);
}
