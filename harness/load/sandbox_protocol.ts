// The request the sandboxed child gets in its arguments, and where it writes its one answer
// (sandbox_answer.ts declares the answer; the child imports its type only, not zod).

/** File descriptor the child writes its answer to; stdout and stderr are the student's. */
export const ANSWER_FD = 3;

export interface ChildRequest {
  exportName: string;
  /** JSON-serialisable arguments passed to the builder. */
  args: unknown;
}
