import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import type { z } from 'zod';

/**
 * One kind of job: its queue, name, payload schema and retry policy, declared once. Producers
 * enqueue through {@link enqueueJob} and processors are wrapped by {@link jobProcessor}, so a
 * payload is validated on both sides of Redis.
 */
export interface JobDefinition<Schema extends z.ZodType> {
  queue: string;
  name: string;
  schema: Schema;
  /** Total tries, the first included; never unbounded. */
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
}

/** Checks a job definition once, at module load (attempts must be a positive whole number). */
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  if (!Number.isInteger(definition.attempts) || definition.attempts < 1) {
    throw new RangeError(`job ${definition.name}: attempts must be a positive whole number`);
  }
  return definition;
}

/** The options every job of a definition is added with: its retry policy and how long Redis keeps it. */
export function jobOptions(definition: JobDefinition<z.ZodType>): JobsOptions {
  return {
    attempts: definition.attempts,
    backoff: definition.backoff,
    removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** Validates the payload, then adds it with the definition's retry policy. */
export async function enqueueJob<Schema extends z.ZodType>(
  queue: Queue,
  definition: JobDefinition<Schema>,
  payload: z.input<Schema>,
  options: Omit<JobsOptions, 'attempts' | 'backoff'> = {},
): Promise<Job> {
  const data = definition.schema.parse(payload);
  return queue.add(definition.name, data, { ...jobOptions(definition), ...options });
}

/**
 * Wraps a handler into a BullMQ processor that parses `job.data` first. A payload that does not
 * match can never succeed, so it fails at once with `UnrecoverableError` instead of retrying.
 */
export function jobProcessor<Schema extends z.ZodType, Result>(
  definition: JobDefinition<Schema>,
  handler: (payload: z.output<Schema>, job: Job) => Promise<Result>,
): (job: Job) => Promise<Result> {
  return async (job) => {
    if (job.name !== definition.name) {
      throw new UnrecoverableError(`queue ${definition.queue} has no processor for job name "${job.name}"`);
    }
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`invalid ${definition.name} payload: ${where}`);
    }
    return handler(parsed.data, job);
  };
}
