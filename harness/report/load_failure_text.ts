// A load failure as the few lines a student reads first.

import type { LoadFailure } from '../types';

const HEADINGS: Record<LoadFailure['kind'], string> = {
  'missing-file': 'File missing',
  compile: 'Does not compile',
  'missing-export': 'Builder not exported',
  throw: 'Builder threw an error',
  timeout: 'Took too long',
  memory: 'Ran out of memory',
  crash: 'Crashed',
  'invalid-model': 'Not a model the harness can grade',
};

export function loadFailureHeading(failure: LoadFailure): string {
  return HEADINGS[failure.kind];
}

export function loadFailureText(failure: LoadFailure): string {
  const lines = [`${HEADINGS[failure.kind]}: ${failure.message}`];
  if (failure.location?.lineText) lines.push(`  ${failure.location.line} | ${failure.location.lineText.trim()}`);
  if (failure.stack) lines.push(...failure.stack.split('\n').slice(1));
  return lines.join('\n');
}
