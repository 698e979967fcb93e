/**
 * Salesforce's limit on a REST call's request head: "the maximum combined length of the URI and
 * headers is 16,384 bytes"; beyond it the call answers 431 Request Header Fields Too Large, and a
 * URI that alone exceeds it 414 URI Too Long (Help article 000386264). The refusal comes before
 * authentication, so it is not counted against the API allowance.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_URI_AND_HEADER_BYTES = 16_384;

/** A refused request head: its status and the reason phrase answered as the body. */
export interface OversizedRequest {
  status: 414 | 431;
  message: string;
}

/**
 * Bytes of the URI as sent plus each header as `Name: value` and its CRLF (the request line's
 * method and protocol are not the URI and not counted).
 */
export function requestHeadBytes(request: Pick<IncomingMessage, 'url' | 'rawHeaders'>): { uri: number; total: number } {
  const uri = Buffer.byteLength(request.url ?? '');
  let headers = 0;
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers += Buffer.byteLength(request.rawHeaders[i]!) + 2 + Buffer.byteLength(request.rawHeaders[i + 1]!) + 2;
  }
  return { uri, total: uri + headers };
}

/** The refusal Salesforce answers for an oversized request head, or undefined when it fits. */
export function oversizedRequest(request: Pick<IncomingMessage, 'url' | 'rawHeaders'>): OversizedRequest | undefined {
  const size = requestHeadBytes(request);
  if (size.uri > MAX_URI_AND_HEADER_BYTES) return { status: 414, message: 'URI Too Long' };
  if (size.total > MAX_URI_AND_HEADER_BYTES) return { status: 431, message: 'Request Header Fields Too Large' };
  return undefined;
}
