// The rubric language as JSON Schema, for editors: with `# yaml-language-server:
// $schema=./rubric.schema.json` at the top of a rubric, VS Code's YAML extension completes
// keys and flags mistakes as you type. rubrics/rubric.schema.json is this, committed.

import { z } from 'zod';
import { rubricSchema } from './schema';

export function rubricJsonSchema(): Record<string, unknown> {
  // "input": what a person writes, so keys with defaults are optional.
  return { ...z.toJSONSchema(rubricSchema, { io: 'input' }), title: 'cnn-grade rubric' };
}
