// Typed reads of fields in a layer's Keras config, which is untrusted data: every read checks
// its type and range and names the layer and field when they are wrong.

import { TopologyError } from './graph';

/** No lecture architecture comes near these; larger values are a mistake or an attack. */
export const MAX_UNITS = 1 << 20;
export const MAX_KERNEL = 1024;

export class ConfigReader {
  constructor(
    readonly layerName: string,
    readonly config: Record<string, unknown>,
  ) {}

  /** The error for a field that is not what it should be; callers throw it. */
  invalid(field: string, expected: string): TopologyError {
    const value = JSON.stringify(this.config[field]) ?? 'nothing';
    return new TopologyError(`layer "${this.layerName}": ${field} is ${value.slice(0, 60)}, expected ${expected}`);
  }

  positiveInt(field: string, max: number, fallback?: number): number {
    const v = this.config[field] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw this.invalid(field, `a whole number from 1 to ${max}`);
    return v;
  }

  /** A Keras int-or-tuple field such as kernel_size: 5 or [5, 5]. */
  intPair(field: string, max: number, fallback?: number | number[]): number[] {
    let v = this.config[field] ?? fallback;
    if (typeof v === 'number') v = [v, v];
    if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max)) {
      throw this.invalid(field, `two whole numbers from 1 to ${max}`);
    }
    return v as number[];
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
    const v = this.config[field] ?? fallback;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw this.invalid(field, `one of ${allowed.join(', ')}`);
    return v as T;
  }

  bool(field: string, fallback: boolean): boolean {
    const v = this.config[field] ?? fallback;
    if (typeof v !== 'boolean') throw this.invalid(field, 'true or false');
    return v;
  }

  fraction(field: string, fallback: number): number {
    const v = this.config[field] ?? fallback;
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw this.invalid(field, 'a number from 0 up to 1');
    return v;
  }

  int(field: string, fallback: number): number {
    const v = this.config[field] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > MAX_UNITS) throw this.invalid(field, 'a whole number');
    return v;
  }

  /** An activation name; tfjs writes strings, Keras may write { class_name }. */
  activation(field = 'activation'): string {
    const v = this.config[field] ?? 'linear';
    const name = typeof v === 'string' ? v : (v as { class_name?: unknown })?.class_name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_]{1,40}$/.test(name)) throw this.invalid(field, 'an activation name such as "relu"');
    const canonical = canonicalActivation(name);
    if (!ACTIVATIONS.has(canonical)) throw this.invalid(field, `one of tfjs' activations (${[...ACTIVATIONS].join(', ')})`);
    return canonical;
  }

  /** A shape such as target_shape or batch_input_shape. */
  shape(field: string, options: { allowNull: boolean; allowMinusOne?: boolean }): (number | null)[] {
    const v = this.config[field];
    const ok =
      Array.isArray(v) &&
      v.length >= 1 &&
      v.length <= 8 &&
      v.every(
        (n) =>
          (n === null && options.allowNull) ||
          (typeof n === 'number' && Number.isInteger(n) && ((n >= 1 && n <= MAX_UNITS) || (n === -1 && options.allowMinusOne))),
      );
    if (!ok) throw this.invalid(field, 'a list of positive whole numbers');
    return v as (number | null)[];
  }
}

/** tfjs' activation names (lowercased; hardSigmoid as Keras spells it). */
export const ACTIVATIONS = new Set(['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hard_sigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new']);

/** Keras spells some activations two ways; compare one spelling. */
export function canonicalActivation(name: string): string {
  const lower = name.toLowerCase();
  // tfjs writes hardSigmoid where Keras writes hard_sigmoid.
  const aliases: Record<string, string> = { none: 'linear', identity: 'linear', hardsigmoid: 'hard_sigmoid' };
  return aliases[lower] ?? lower;
}
