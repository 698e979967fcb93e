/**
 * The faults a local org can be asked to throw, from `--faults key=value,…` (or the control
 * endpoint): what each key means, its bounds, and the parse that names a bad key.
 */
import { SetupError } from '../errors/setup-error.js';

/** Every fault key. Fractions are in [0, 1]; durations and counts are whole numbers ≥ 0. */
export interface FaultSettings {
  /** Milliseconds added to every API call. */
  latencyMs: number;
  /** Fraction of API calls answered 503 SERVER_UNAVAILABLE. */
  http503: number;
  /** Fraction of API calls answered 500 UNKNOWN_EXCEPTION. */
  http500: number;
  /** Fraction of record writes failing UNABLE_TO_LOCK_ROW. */
  lockRow: number;
  /** Every session expires after this many API calls (0: never). */
  sessionExpiryCalls: number;
  /** Daily API requests allowed while the fault holds (0: the org's own allowance). */
  apiLimit: number;
  /** Fraction of Bulk API 2.0 jobs ending Failed. */
  bulkFail: number;
  /** Milliseconds added to every query (REST query pages and Bulk query job runs). */
  slowQueryMs: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = {
  latencyMs: 0,
  http503: 0,
  http500: 0,
  lockRow: 0,
  sessionExpiryCalls: 0,
  apiLimit: 0,
  bulkFail: 0,
  slowQueryMs: 0,
};

export type FaultKey = keyof FaultSettings;
export const FAULT_KEYS = Object.keys(NO_FAULTS) as FaultKey[];
const FRACTIONS: ReadonlySet<FaultKey> = new Set(['http503', 'http500', 'lockRow', 'bulkFail']);

/** Whether `key` is a fraction (else a whole number). */
export function isFraction(key: FaultKey): boolean {
  return FRACTIONS.has(key);
}

/** A problem with one fault setting, or undefined when `raw` is a valid value of `key`. */
function problemOf(key: string, raw: unknown): string | undefined {
  if (!(FAULT_KEYS as string[]).includes(key)) return `unknown fault; the faults are ${FAULT_KEYS.join(', ')}`;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${JSON.stringify(raw)}`;
  if (isFraction(key as FaultKey)) return value >= 0 && value <= 1 ? undefined : `must be a fraction from 0 to 1, got ${value}`;
  return Number.isInteger(value) && value >= 0 ? undefined : `must be a whole number ≥ 0, got ${value}`;
}

/**
 * Settings from `{key: value}` (numbers or numeric strings) over the no-fault defaults; a bad key
 * or value is a SetupError naming it (`--faults <key>`).
 */
export function faultSettings(values: Record<string, unknown>): FaultSettings {
  const problems = Object.entries(values).flatMap(([key, raw]) => {
    const problem = problemOf(key, raw);
    return problem ? [{ key: `--faults ${key}`, problem }] : [];
  });
  if (problems.length > 0) throw new SetupError(problems);
  const settings: FaultSettings = { ...NO_FAULTS };
  for (const [key, raw] of Object.entries(values)) settings[key as FaultKey] = Number(raw);
  return settings;
}

/** Parses `key=value,key=value` (spaces allowed around either). */
export function parseFaults(text: string): FaultSettings {
  const values: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new SetupError([{ key: '--faults', problem: `"${part}" is not key=value` }]);
    values[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return faultSettings(values);
}
