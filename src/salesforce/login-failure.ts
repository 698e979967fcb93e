import { DEFAULT_LOGIN_TIMEOUT_SECONDS, type AuthFlow, type Config } from '../config/schema.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** What jsforce throws when the login host was not reached (node-fetch, fetch, a timeout). */
export const NOT_REACHED = new Set(['FetchError', 'TypeError', 'AbortError']);

/** Salesforce's login service failed on its side (HTTP 429 or 5xx without an OAuth body). */
export const SALESFORCE_SIDE = /^ERROR_HTTP_(429|5\d\d)$/;

/** The settings behind an `invalid_grant`: what each flow presents as the user's grant. */
const GRANT_SETTINGS: Record<AuthFlow, string> = {
  jwt: 'SF_USERNAME and SF_PRIVATE_KEY_FILE (its certificate must be on the connected app, and the user pre-authorized for it), and SF_JWT_AUDIENCE (the generic login URL, never a My Domain)',
  client_credentials: "SF_LOGIN_URL (it must be the org's My Domain) and the connected app's run-as user",
  refresh_token: 'SF_REFRESH_TOKEN (revoked or issued to another connected app?)',
  password: 'SF_USERNAME and SF_PASSWORD (with the security token appended if the org requires one)',
  access_token: 'SF_ACCESS_TOKEN and SF_INSTANCE_URL',
};

/**
 * What to check for each OAuth error Salesforce answers with (RFC 6749 §5.2 and Salesforce's
 * "OAuth 2.0 Authorization Errors"), as a phrase after "check". A lookup table, so adding a code
 * is one line. Codes not listed get the flow's settings and SF_LOGIN_URL.
 */
const CHECK_BY_CODE: Record<string, (flow: AuthFlow | undefined) => string> = {
  invalid_client_id: () => "SF_CLIENT_ID (the connected app's consumer key)",
  invalid_client: () => 'SF_CLIENT_ID and SF_CLIENT_SECRET',
  invalid_grant: (flow) => (flow ? GRANT_SETTINGS[flow] : 'SF_AUTH_FLOW'),
  unsupported_grant_type: () => 'SF_AUTH_FLOW (the connected app must allow that flow)',
  invalid_request: () => 'SF_AUTH_FLOW and its settings',
  // A key file that cannot be read or parsed (jwt flow, before any request).
  ENOENT: () => 'SF_PRIVATE_KEY_FILE (no such file)',
  EACCES: () => 'SF_PRIVATE_KEY_FILE (not readable by this user)',
  EISDIR: () => 'SF_PRIVATE_KEY_FILE (a directory, not a PEM file)',
  ERR_OSSL_UNSUPPORTED: () => 'SF_PRIVATE_KEY_FILE (not a PEM private key)',
  UNEXPECTED_LOGIN_RESPONSE: () =>
    'SF_LOGIN_URL (https://login.salesforce.com, https://test.salesforce.com or your My Domain URL)',
};

/** For codes the table does not list: an HTTP error without an OAuth body is not Salesforce's login. */
function fallbackCheck(code: string): (flow: AuthFlow | undefined) => string {
  if (code.startsWith('ERROR_HTTP_')) return CHECK_BY_CODE.UNEXPECTED_LOGIN_RESPONSE!;
  return (flow) => `SF_LOGIN_URL and the settings of SF_AUTH_FLOW=${flow ?? '(not set)'}`;
}

/** The code a failed login is known by: the OAuth `error` jsforce puts in the name, else a Node error code. */
function codeOf(error: unknown): string {
  if (!(error instanceof Error)) return 'UNEXPECTED_LOGIN_RESPONSE';
  if (typeof error.name === 'string' && error.name !== '' && error.name !== 'Error') return error.name;
  const nodeCode = (error as NodeJS.ErrnoException).code;
  // jsforce names the error after the body's `error`; a body that is not an OAuth error leaves no name.
  return typeof nodeCode === 'string' ? nodeCode : 'UNEXPECTED_LOGIN_RESPONSE';
}

/**
 * The {@link SalesforceAuthError} for a failed login, as one sentence that says what happened and
 * which settings to check. It keeps the OAuth code and chains the original error; it never holds
 * a credential (jsforce's messages do not echo the request body).
 */
export function loginFailure(sf: Config['salesforce'], error: unknown): SalesforceAuthError {
  const code = codeOf(error);
  // jsforce's own text for its timeout says "10 minutes" whatever the timeout was.
  const timedOut = code === 'AbortError' ? `no answer within ${(sf.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_SECONDS * 1000) / 1000} s (SF_LOGIN_TIMEOUT_SECONDS)` : undefined;
  const detail = timedOut ?? (error instanceof Error && error.message !== '' ? error.message : 'the login host did not answer like Salesforce');
  const where = `Salesforce login (${sf.authFlow ?? 'no flow'} flow at ${sf.loginUrl})`;
  let advice: string;
  if (NOT_REACHED.has(code)) advice = 'the login host did not answer: check SF_LOGIN_URL and the network';
  else if (SALESFORCE_SIDE.test(code)) advice = "Salesforce's login service failed on its side: try again later";
  else advice = `check ${(CHECK_BY_CODE[code] ?? fallbackCheck(code))(sf.authFlow)}`;
  const what = detail.startsWith(code) ? detail : `${code}: ${detail}`;
  return new SalesforceAuthError(`${where} failed: ${what}; ${advice}.`, code, { cause: error });
}
