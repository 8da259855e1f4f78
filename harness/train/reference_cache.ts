// The reference's training run, cached on disk: it depends only on the reference's topology,
// the training settings, the data set, the backend and the harness version, so a class of 200
// trains it once. Each entry is one JSON file written atomically under its key.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import type { CanonicalTopology } from '../model/canonical_topology';
import type { TrainSettings } from '../rubric/schema';
import type { ModelTrainResult } from '../types';
import { HARNESS_VERSION } from '../version';
import { modelTrainResultSchema } from './train_result';

/** $CNN_GRADE_CACHE, else $XDG_CACHE_HOME/cnn-grade, else ~/.cache/cnn-grade. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CNN_GRADE_CACHE) return env.CNN_GRADE_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cnn-grade');
}

/** Bumped whenever training code changes what a run computes or records, so old entries are not served. */
const CACHE_FORMAT = 3;

/** Size and modification time of each data file or folder the settings name: replaced data is new data. */
function dataStamp(settings: TrainSettings): unknown {
  const d = settings.dataset;
  if (typeof d === 'string') return d;
  const paths = 'cifar10' in d ? [d.cifar10] : 'imageFolder' in d ? [d.imageFolder.train, d.imageFolder.test] : Object.values(d.idx);
  return paths.map((p) => {
    try {
      const st = fs.statSync(p);
      return [p, st.size, st.mtimeMs];
    } catch {
      return [p, null];
    }
  });
}

export function referenceKey(topology: CanonicalTopology, settings: TrainSettings, backend: string): string {
  // The time limit does not change a reference run (it always trains its full budget).
  const { timeLimitSeconds: _unused, ...rest } = settings;
  const identity = JSON.stringify({ topology, settings: rest, data: dataStamp(settings), backend, harness: HARNESS_VERSION, format: CACHE_FORMAT });
  return createHash('sha256').update(identity).digest('hex');
}


export class ReferenceCache {
  /** `refresh`: never read, only write (train the reference anew and replace its entry). */
  constructor(
    private readonly dir: string,
    private readonly refresh = false,
  ) {}

  private file(key: string): string {
    return path.join(this.dir, 'reference', `${key}.json`);
  }

  get(key: string): ModelTrainResult | undefined {
    if (this.refresh) return undefined;
    try {
      // What a cached run must look like; anything else is a miss, never a grade.
      const entry = modelTrainResultSchema.safeParse(JSON.parse(fs.readFileSync(this.file(key), 'utf8')));
      return entry.success ? entry.data : undefined;
    } catch {
      return undefined; // absent or unreadable: train again
    }
  }

  set(key: string, result: ModelTrainResult): void {
    const file = this.file(key);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomically(file, JSON.stringify(result));
    } catch {
      // A cache that cannot be written costs time, never a grade.
    }
  }
}
