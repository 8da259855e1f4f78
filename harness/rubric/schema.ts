// The rubric language: what a lab expects (file, export, builder arguments, reference), how it
// trains and which checks it runs for how many points. Unknown keys are errors.

import { z } from 'zod';
import { referenceNames } from '../../reference';
import { SUPPORTED_LAYER_CLASSES } from '../model/layers';

const positiveInt = z.number().int().positive();
const visibility = z.enum(['visible', 'hidden', 'after_due_date', 'after_published']);

/** Layer classes as tfjs names them; a typo would otherwise fail every student. */
const layerClass = z.enum(SUPPORTED_LAYER_CLASSES.filter((c) => c !== 'InputLayer') as [string, ...string[]]);

const checkCommon = {
  /** Shown in reports; each kind has a default. */
  name: z.string().min(1).max(200).optional(),
  points: z.number().min(0).max(10_000),
  visibility: visibility.default('visible'),
};

export const checkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('layers'), ...checkCommon }),
  z.strictObject({
    kind: z.literal('params'),
    ...checkCommon,
    /** Count all parameters (Keras' total) or only the trainable ones. */
    count: z.enum(['total', 'trainable']).default('total'),
    /** Allowed relative difference from the reference's count, 0 for exact. */
    tolerance: z.number().min(0).max(1).default(0),
    /** A budget instead of the reference: passes at or under this many. */
    max: positiveInt.optional(),
    /** Also require every layer matched with the reference to have the reference's count. */
    perLayer: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('output_shape'),
    ...checkCommon,
    /** Also require one probability distribution: a softmax over all of the output, as its last computation. */
    probabilities: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('input_shape'), ...checkCommon }),
  z.strictObject({
    kind: z.literal('layer_classes'),
    ...checkCommon,
    /** Classes the model must use, e.g. [BatchNormalization]. */
    required: z.array(layerClass).default([]),
    /** Classes it may not use anywhere, or not before the first layer of another class. */
    forbidden: z.array(z.union([layerClass, z.strictObject({ class: layerClass, before: layerClass })])).default([]),
  }),
  z.strictObject({
    kind: z.literal('depth'),
    ...checkCommon,
    /** Weight layers (convolutions and dense layers), as the papers count depth. */
    min: positiveInt.optional(),
    max: positiveInt.optional(),
  }),
  z.strictObject({
    kind: z.literal('training'),
    ...checkCommon,
    /** Full points when the student's held-out accuracy is at least this fraction of the reference's. */
    minRatio: z.number().gt(0).max(2),
  }),
]);

const path = z.string().min(1).max(1000);

/** MNIST (built in), or files of the instructor's; paths are relative to the rubric. */
export const datasetSchema = z.union([
  z.literal('mnist'),
  z.strictObject({ idx: z.strictObject({ trainImages: path, trainLabels: path, testImages: path, testLabels: path }) }),
  z.strictObject({ cifar10: path }),
  z.strictObject({ imageFolder: z.strictObject({ train: path, test: path }) }),
]);

export const trainSchema = z.strictObject({
  dataset: datasetSchema.default('mnist'),
  steps: positiveInt.max(1_000_000),
  batchSize: positiveInt.max(4096).default(64),
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  learningRate: z.number().positive().max(10).default(0.001),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Held-out images the accuracy is measured on (from the data set's test split). */
  evalImages: positiveInt.max(10_000).default(1000),
  /** Wall-clock budget per model; a slower model is stopped and graded on what it reached. */
  timeLimitSeconds: z.number().positive().max(86_400).default(300),
});

export const taskSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a short id of lowercase letters, digits, - and _'),
    title: z.string().min(1).max(200).optional(),
    file: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(ts|js)$/, 'a .ts or .js path inside the submission')
      .refine((f) => !f.split('/').includes('..'), 'a path inside the submission (no "..")')
      .default('models.ts'),
    export: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'a JavaScript identifier'),
    args: z.strictObject({ inputShape: z.array(positiveInt.max(4096)).min(1).max(4), numClasses: positiveInt.max(100_000) }),
    /** A reference architecture by name (cnn-grade reference list)... */
    reference: z.enum(referenceNames() as [string, ...string[]]).optional(),
    /** ...or the expected layers, written out: tfjs class names and arguments, in order. */
    expected: z.array(z.looseObject({ class: layerClass })).min(1).optional(),
    train: trainSchema.optional(),
    /** Show students the reference's layers (its table in the report, its sequence in "expected"); false when finding the architecture is the exercise. */
    revealReference: z.boolean().default(true),
    checks: z.array(checkSchema).min(1),
  })
  .superRefine((task, ctx) => {
    if ((task.reference === undefined) === (task.expected === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'give either reference: (a name) or expected: (a list of layers), not both or neither' });
    }
    task.checks.forEach((check, i) => {
      if (check.kind === 'training' && !task.train) {
        ctx.addIssue({ code: 'custom', path: ['checks', i], message: 'a training check needs a train: section in its task' });
      }
    });
  });

export const latePolicySchema = z.strictObject({
  /** Percent of the score taken per late day; a late day is each started 24 hours after the deadline and grace. */
  percentPerDay: z.number().min(0).max(100),
  /** The most percent taken in all. */
  capPercent: z.number().min(0).max(100).default(100),
  /** Minutes after the deadline that still count as on time. */
  graceMinutes: z.number().min(0).max(10_080).default(0),
});

export const rubricSchema = z.strictObject({
  title: z.string().min(1).max(200),
  /** When the lab is due, with its time zone, e.g. 2026-12-01T23:59:00-05:00. */
  deadline: z.iso.datetime({ offset: true }).optional(),
  late: latePolicySchema.optional(),
  limits: z
    .strictObject({
      /** Wall-clock limit for building the model in the sandbox. */
      buildTimeoutSeconds: z.number().positive().max(600).default(30),
      /** Heap limit of the sandbox. */
      memoryMb: positiveInt.min(64).max(16_384).default(1024),
      /** Models with more parameters are not trained or graded (VGG-19 has 144 million). */
      maxParams: positiveInt.max(10_000_000_000).default(200_000_000),
      /** A model needing more than this many times the reference's multiply-adds per image is not trained. */
      maxComputeRatio: z.number().positive().max(10_000).default(20),
    })
    // Parsed like a written-out empty section, so each limit takes its own default.
    .prefault({}),
  tasks: z.array(taskSchema).min(1),
});

export type Rubric = z.infer<typeof rubricSchema>;
export type RubricTask = Rubric['tasks'][number];
export type RubricCheck = RubricTask['checks'][number];
export type TrainSettings = z.infer<typeof trainSchema>;
export type LatePolicy = z.infer<typeof latePolicySchema>;
