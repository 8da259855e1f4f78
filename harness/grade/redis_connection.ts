// A connection to the Redis server of a queued class run, for the coordinator and the workers.

import { createClient } from '@redis/client';
import { UsageError } from '../errors';

// No reconnecting: a lost connection is reported, not retried forever.
const makeClient = (url: string) => createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 5000 } });
export type RedisClient = ReturnType<typeof makeClient>;

export async function connectRedis(url: string): Promise<RedisClient> {
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--queue ${url}: expected a Redis URL, e.g. redis://localhost:6379`);
  const client = makeClient(url);
  client.on('error', () => undefined); // reported by the command that fails
  try {
    await client.connect();
  } catch (error) {
    throw new UsageError(`--queue ${url}: cannot connect to Redis (${(error as Error).message})`);
  }
  return client;
}
