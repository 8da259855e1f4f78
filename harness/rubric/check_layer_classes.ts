// Check kind `layer_classes`: classes a model must use (e.g. BatchNormalization) and classes it
// may not use, anywhere or before the first layer of another class (no Dense before Flatten).

import { layerSequence } from '../model/layer_sequence';
import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';

export function checkLayerClasses(ctx: CheckContext, check: Extract<RubricCheck, { kind: 'layer_classes' }>): CheckOutcome {
  const sequence = layerSequence(ctx.student);
  const classes = sequence.map((e) => e.signature.className);
  const messages: string[] = [];
  for (const required of check.required) if (!classes.includes(required)) messages.push(`no ${required} layer; the lab asks for one`);
  for (const rule of check.forbidden) {
    const cls = typeof rule === 'string' ? rule : rule.class;
    const end = typeof rule === 'string' ? classes.length : classes.indexOf(rule.before) === -1 ? classes.length : classes.indexOf(rule.before);
    const offenders = sequence.slice(0, end).filter((e) => e.signature.className === cls);
    const where = typeof rule === 'string' ? '' : ` before the first ${rule.before}`;
    for (const e of offenders) messages.push(`${e.name}: a ${cls} layer${where}, which the lab does not allow`);
  }
  const rules = [...check.required.map((c) => `uses ${c}`), ...check.forbidden.map((r) => (typeof r === 'string' ? `no ${r}` : `no ${r.class} before ${r.before}`))];
  return {
    score: messages.length === 0 ? check.points : 0,
    status: messages.length === 0 ? 'passed' : 'failed',
    expected: rules.join('; '),
    found: [...new Set(classes)].join(', '),
    messages,
  };
}
