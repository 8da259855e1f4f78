import * as fs from 'node:fs';
import * as path from 'node:path';
import { rubricJsonSchema } from './json_schema';

describe('rubric JSON Schema', () => {
  it('is committed as rubrics/rubric.schema.json, up to date (regenerate: cnn-grade rubric schema)', () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../rubrics/rubric.schema.json'), 'utf8'));
    expect(committed).toEqual(rubricJsonSchema());
  });

  it('refuses unknown keys and knows every check kind', () => {
    const schema = rubricJsonSchema() as { additionalProperties: boolean; properties: { tasks: { items: { properties: { checks: { items: { oneOf: Array<{ properties: { kind: { const: string } } }> } } } } } } };
    expect(schema.additionalProperties).toBe(false);
    const kinds = schema.properties.tasks.items.properties.checks.items.oneOf.map((c) => c.properties.kind.const);
    expect(kinds).toEqual(['layers', 'params', 'output_shape', 'input_shape', 'layer_classes', 'depth', 'training']);
  });
});
