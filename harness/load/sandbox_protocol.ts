// The one message the sandboxed child sends back on file descriptor 3, and its arguments.

/** File descriptor the child writes its answer to; stdout and stderr are the student's. */
export const ANSWER_FD = 3;

export interface ChildRequest {
  exportName: string;
  /** JSON-serialisable arguments passed to the builder. */
  args: unknown;
}

export type ChildAnswer =
  | { kind: 'model'; topology: string }
  | { kind: 'missing-export'; message: string }
  | { kind: 'throw'; message: string; stack?: string; code?: string }
  | { kind: 'invalid-model'; message: string };
