// The cap on how much source a submission may hand the harness, and how a refusal reads.

import { formatCount } from '../format';

/**
 * What the bundler and the type check read of a submission, all files together: 1 MiB. A lab's
 * models.ts with every architecture of the lecture is under 50 KB, so this is some 20 times what
 * a real submission needs, and far below what makes esbuild or TypeScript a danger to the grader.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** "models.ts is 2,097,152 bytes; ..." naming the file that went over and the running total. */
export function sourceTooLarge(file: string, fileBytes: number, totalBytes: number): string {
  const limit = `a submission's source files may total at most ${formatCount(MAX_SOURCE_BYTES)} bytes (${MAX_SOURCE_BYTES / 1024 / 1024} MB)`;
  if (fileBytes === totalBytes) return `${file} is ${formatCount(fileBytes)} bytes; ${limit}`;
  return `${file} (${formatCount(fileBytes)} bytes) brings the submission's source files to ${formatCount(totalBytes)} bytes; ${limit}`;
}
