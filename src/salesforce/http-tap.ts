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
  /** Longest an OAuth call (login, session renewal) may wait for its answer, instead of jsforce's 30 minutes. */
  loginTimeoutMs?: number | undefined;
}

type Transport = Connection['_transport'];

/**
 * A transport that hands every response to `onResponse` and bounds every request by `timeoutMs`
 * (a host that drops packets would otherwise keep a login waiting for jsforce's 30-minute timeout).
 * jsforce sends every API call through `conn._transport` and every OAuth call through
 * `conn.oauth2._transport`, and fills `conn.limitInfo` only from `conn.request` responses, so
 * wrapping the transport is the one place that sees all of them (jsforce 3.10.16, transport.ts).
 */
function tapped(transport: Transport, options: { onResponse?: ResponseObserver | undefined; timeoutMs?: number | undefined }): Transport {
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

/**
 * Puts the tap on both of a connection's transports; call it before the login, so that is seen
 * and bounded too. API calls keep jsforce's own timeout: a large query may rightly take long.
 */
export function tapConnection(conn: Connection, options: TapOptions): void {
  conn._transport = tapped(conn._transport, { onResponse: options.onResponse });
  conn.oauth2._transport = tapped(conn.oauth2._transport, { onResponse: options.onResponse, timeoutMs: options.loginTimeoutMs });
}
