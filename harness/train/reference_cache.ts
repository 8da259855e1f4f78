// The reference's training run, cached on disk: it depends only on the reference's topology,
// the training settings, the data set, the backend and the harness version, so a class of 200
// trains it once. Each entry is one JSON file written atomically under its key.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ModelTopology } from '../load/topology_format';
import type { TrainSettings } from '../rubric/schema';
import type { ModelTrainResult } from '../types';
import { HARNESS_VERSION } from '../version';

/** $CNN_GRADE_CACHE, else $XDG_CACHE_HOME/cnn-grade, else ~/.cache/cnn-grade. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CNN_GRADE_CACHE) return env.CNN_GRADE_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cnn-grade');
}

/** The settings name the data set (and its files' paths); replacing a file's contents needs --no-cache once. */
export function referenceKey(topology: ModelTopology, settings: TrainSettings, backend: string): string {
  // The time limit does not change a reference run (it always trains its full budget).
  const { timeLimitSeconds: _unused, ...rest } = settings;
  const identity = JSON.stringify({ topology, settings: rest, backend, harness: HARNESS_VERSION });
  return createHash('sha256').update(identity).digest('hex');
}

export class ReferenceCache {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, 'reference', `${key}.json`);
  }

  get(key: string): ModelTrainResult | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as ModelTrainResult;
    } catch {
      return undefined; // absent or unreadable: train again
    }
  }

  set(key: string, result: ModelTrainResult): void {
    const file = this.file(key);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(result));
      fs.renameSync(temp, file);
    } catch {
      // A cache that cannot be written costs time, never a grade.
    }
  }
}
