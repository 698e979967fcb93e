import { DealriskError } from './dealrisk-error.js';

/** Redis does not answer; every queue operation needs it. */
export class RedisUnavailableError extends DealriskError {}
