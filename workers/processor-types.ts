import type { Job } from 'bullmq';
import type { JobKey, JobPayload } from '../src/queue/catalog.js';

/** A job's handler: its parsed payload in, its result out. */
export type Processor<K extends JobKey> = (payload: JobPayload<K>, job: Job) => Promise<unknown>;

/** One processor per catalog job: a job added to the catalog without one does not compile. */
export type Processors = { [K in JobKey]: Processor<K> };
