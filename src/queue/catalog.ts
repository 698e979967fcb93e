import { z } from 'zod';
import { defineJob } from './jobs.js';

/**
 * Every job dealrisk runs, declared once: queue, name, payload schema, attempts and backoff.
 * Payloads carry ids and options only, never credentials: workers read those from their config.
 */
export const scoreDealsJob = defineJob({
  queue: 'score-deals',
  name: 'score-open-deals',
  schema: z.object({
    runId: z.string().min(1).max(100),
    trigger: z.enum(['manual', 'schedule', 'demo']),
  }),
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
});
