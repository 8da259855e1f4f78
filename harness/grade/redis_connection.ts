// A connection to the Redis server of a queued class run, for the coordinator and the workers.

import { createClient } from '@redis/client';
import { redactUrl } from '../collect/git_collect';
import { UsageError } from '../errors';

// No reconnecting: a lost connection is reported, not retried forever.
const makeClient = (url: string) => createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 5000 } });
export type RedisClient = ReturnType<typeof makeClient>;

export async function connectRedis(url: string): Promise<RedisClient> {
  // Messages never show a password (redis://:PASSWORD@host).
  const shown = redactUrl(url);
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--queue ${shown}: expected a Redis URL, e.g. redis://localhost:6379`);
  try {
    const client = makeClient(url);
    client.on('error', () => undefined); // reported by the command that fails
    await client.connect();
    return client;
  } catch (error) {
    const message = redactUrl((error as Error).message);
    const hint = /NOAUTH|WRONGPASS/.test(message) ? '; give the password in the URL, redis://:PASSWORD@host:6379' : '';
    throw new UsageError(`--queue ${shown}: cannot connect to Redis (${message})${hint}`);
  }
}
