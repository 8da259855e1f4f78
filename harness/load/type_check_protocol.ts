// What the grader asks the type-check child, and the one answer the child prints on stdout.

import { z } from 'zod';
import type { PathName } from './type_check_paths';

export interface TypeCheckRequest {
  /** The submission folder, as a real path. */
  root: string;
  /** The entry file, relative to root. */
  file: string;
  /** Each module the submission may import (bundle.ts' ALLOWED_PACKAGES), with the declarations it resolves to. */
  modules: Record<string, string>;
  /** The folders those declarations live in and may read, besides the submission and TypeScript's libs. */
  declarationDirs: string[];
  /** The grader's paths that messages may quote, and what to show instead (type_check_paths.ts). */
  pathNames: PathName[];
  /** The child ends itself this long after it starts, should its grader die without killing it. */
  deadlineMs: number;
}

// Bounded well above what the child writes (20 errors of a path, a position and 300 characters).
export const typeCheckAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('errors'), errors: z.array(z.string().max(2000)).max(100) }),
  z.object({ kind: z.literal('skipped'), reason: z.string().max(1000) }),
]);
export type TypeCheckAnswer = z.infer<typeof typeCheckAnswer>;
