import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import type { Config } from '../config/schema.js';
import { QUEUE_NAMES } from '../queue/catalog.js';
import { createRedisConnection } from '../queue/connection.js';

/** The process's producers: one Queue per catalog queue and the FlowProducer that fans runs out, on one connection. */
export interface Queues {
  queue(name: string): Queue;
  flows: FlowProducer;
  /** Events of one queue, on a connection of their own (they block); closed by {@link Queues.close}. */
  events(name: string): Promise<QueueEvents>;
  close(): Promise<void>;
}

export function createQueues(config: Config): Queues {
  const connection = createRedisConnection(config.redis);
  const options = { connection, prefix: config.redis.prefix };
  const queues = new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, options)]));
  const flows = new FlowProducer(options);
  const listeners: { events: QueueEvents; connection: ReturnType<typeof createRedisConnection> }[] = [];
  return {
    queue: (name) => {
      const queue = queues.get(name);
      if (!queue) throw new Error(`no queue ${name} in the job catalog`);
      return queue;
    },
    flows,
    events: async (name) => {
      const eventsConnection = createRedisConnection(config.redis);
      const events = new QueueEvents(name, { connection: eventsConnection, prefix: config.redis.prefix });
      listeners.push({ events, connection: eventsConnection });
      await events.waitUntilReady();
      return events;
    },
    close: async () => {
      for (const { events, connection: c } of listeners.splice(0)) {
        await events.close();
        c.disconnect();
      }
      for (const queue of queues.values()) await queue.close();
      await flows.close();
      // BullMQ leaves connections it was given open.
      connection.disconnect();
    },
  };
}
