// The one answer the sandboxed child writes on its answer descriptor, declared once as a
// schema: the grader validates it whole, so a wrong kind or shape is data, never a crash.

import { z } from 'zod';
import { truncateText } from '../inert_text';

/** A text the student's code controls (a message, a stack): kept, but cut to a readable size. */
const studentText = z.string().transform((text) => truncateText(text));

const answerSchema = z.discriminatedUnion('kind', [
  // The topology is parsed, with its own limits, by topology_format.ts.
  z.strictObject({ kind: z.literal('model'), topology: z.string() }),
  z.strictObject({ kind: z.literal('missing-export'), message: studentText }),
  z.strictObject({ kind: z.literal('throw'), message: studentText, stack: studentText.optional(), code: z.string().max(64).optional() }),
  z.strictObject({ kind: z.literal('invalid-model'), message: studentText }),
]);

export type ChildAnswer = z.infer<typeof answerSchema>;

/** The answer in `text`, or why there is none that the harness understands. */
export function parseChildAnswer(text: string): { ok: true; answer: ChildAnswer } | { ok: false; detail: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'sent an answer that was cut short or garbled' };
  }
  const parsed = answerSchema.safeParse(json);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, detail: 'sent an answer the harness does not understand' };
}
