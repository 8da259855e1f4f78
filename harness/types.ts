// The plain data that flows between the stages of DESIGN.md's pipeline, declared once.
// Stages import these; none re-declares them.

import type { CanonicalTopology } from './model/canonical_topology';

/** What `collect` hands on: a folder holding one student's work. */
export interface Submission {
  /** Student or folder id used in reports (never trusted as a path). */
  id: string;
  /** Absolute path of the submission root. */
  dir: string;
  /** The student's name, from a roster. */
  name?: string;
  /** The commit graded, when the submission came from Git. */
  commit?: { hash: string; date: string; lateDays: number };
}

/** What `load` returns when the student's builder produced a model. */
export interface ModelSpec {
  ok: true;
  /** The harness's own topology of the model the child built: every later stage reads this. */
  topology: CanonicalTopology;
  /** Milliseconds the sandboxed build took. */
  buildMs: number;
}

export type LoadFailureKind =
  | 'missing-file' // the task's file is not in the submission
  | 'compile' // esbuild could not parse or resolve the code
  | 'missing-export' // the module does not export the builder
  | 'throw' // the builder threw
  | 'timeout' // the child ran past its wall-clock limit
  | 'memory' // the child ran out of its heap
  | 'crash' // the child died or exited without an answer
  | 'invalid-model'; // what came back is not a model we can grade

/** What `load` returns when there is no model to grade; graded as a value, never thrown. */
export interface LoadFailure {
  ok: false;
  kind: LoadFailureKind;
  /** One line a student understands. */
  message: string;
  /** Compile errors: where in the student's code. */
  location?: { file: string; line: number; column: number; lineText?: string };
  /** Throws: the stack trimmed to the student's own frames. */
  stack?: string;
}

export type LoadResult = ModelSpec | LoadFailure;

/**
 * The sandbox's strength: bubblewrap namespaces on top of Node's permission model, or the
 * latter alone. At either level the child runs as an unprivileged account (nobody) when the
 * grader runs as root, and gets no descriptor but its stdio and answer pipes.
 */
export type IsolationLevel = 'bwrap+permissions' | 'permissions';

/** A tensor shape with the batch dimension as null. */
export type Shape = (number | null)[];

/** One layer of the static summary. */
export interface LayerSummary {
  name: string;
  className: string;
  outputShape: Shape;
  params: number;
  trainableParams: number;
  /** Names of the layers feeding this one (empty for inputs). */
  inbound: string[];
  /** The layer's configuration with defaults written out, as compared by the checks. */
  signature: LayerSignature;
}

/**
 * What a layer computes, independent of how it was written: names dropped, defaults
 * filled in, a following Activation layer folded in. Only the fields of its kind are set.
 */
export interface LayerSignature {
  className: string;
  units?: number;
  filters?: number;
  kernelSize?: number[];
  strides?: number[];
  padding?: string;
  dilationRate?: number[];
  poolSize?: number[];
  activation?: string;
  useBias?: boolean;
  rate?: number;
  targetShape?: number[];
  /** Merges (Add, Concatenate, ...): how many branches they join. */
  inputs?: number;
  /** LRN: depth radius, bias, alpha, beta. */
  lrn?: [number, number, number, number];
  /** Depthwise and separable convolutions: channels out per channel in. */
  depthMultiplier?: number;
  /** UpSampling2D: rows and columns each value becomes. */
  size?: number[];
  /** Cropping2D: rows and columns cut, [top, bottom, left, right]. */
  cropping?: number[];
  /** Permute: the new order of the non-batch dimensions (1-based). */
  dims?: number[];
  /** RepeatVector: how many times. */
  repeats?: number;
  /** LayerNormalization: the axes normalised. */
  axis?: number[];
}

export interface ModelSummary {
  name: string;
  inputShape: Shape;
  /** The (first) output's shape. */
  outputShape: Shape;
  /** More than one for e.g. GoogLeNet with auxiliary heads; a lab's model must have one. */
  outputCount: number;
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /**
   * Set when the model was written as a tf.sequential: its InputLayer is then the one graph.ts
   * made, and reports leave it out of the layer table, as Keras' model.summary() does.
   * Absent (summaries written before it existed, functional models): the table shows every layer.
   */
  sequential?: boolean;
}

export type Visibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

export interface CheckResult {
  /** Stable id, `task/check`, for scripts and overrides. */
  id: string;
  /** Shown to people, e.g. "Layer structure matches LeNet-5". */
  name: string;
  kind: string;
  score: number;
  maxScore: number;
  status: 'passed' | 'failed' | 'error';
  visibility: Visibility;
  expected?: string;
  found?: string;
  /** One line each: what differs, or why the check could not run. */
  messages: string[];
  /** Set by a TA's override (see grade/overrides.ts): the score the harness gave, and why it changed. */
  override?: { from: number; comment: string };
}

export interface TrainCurvePoint {
  step: number;
  loss: number;
}

/** Each weighted layer's gradient norm early in training (mean of the first steps) and at the end. */
export interface GradientNorms {
  layers: string[];
  params: number[];
  early: number[];
  final: number[];
}

export interface ModelTrainResult {
  /** Cross-entropy on the held-out images; null when the model could not be trained. */
  finalLoss: number | null;
  accuracy: number;
  curve: TrainCurvePoint[];
  steps: number;
  seconds: number;
  /** Held-out images the accuracy and loss were measured on (fewer than asked when the time limit cut the evaluation). */
  evalImages: number;
  /** Set when the run stopped before its budget (time limit, NaN loss). */
  stoppedEarly?: string;
  gradients?: GradientNorms;
}

export interface TrainRun {
  backend: string;
  /** Wall-clock seconds of the whole run (the reference's from the cache cost none). */
  seconds: number;
  dataset: string;
  batchSize: number;
  steps: number;
  /** Held-out images the reference was measured on: the rubric's number, or all the data set has. */
  evalImages: number;
  seed: number;
  student: ModelTrainResult;
  reference: ModelTrainResult;
  /** The reference's run came from the cache (trained earlier, same key). */
  referenceCached: boolean;
  /** What the student's run shows: vanishing or exploding gradients, non-finite values. */
  findings: string[];
}

export interface TaskResult {
  id: string;
  title: string;
  load: { ok: true; buildMs: number } | LoadFailure;
  /** TypeScript's errors in the student's code: reported, never graded. */
  typeErrors: string[];
  /** Why TypeScript's check did not finish (too large, too slow, crashed), when it did not. */
  typeCheckSkipped?: string;
  summary?: ModelSummary;
  referenceSummary: ModelSummary;
  /** Whether reports may show the reference's layers (the rubric's revealReference). */
  revealReference: boolean;
  checks: CheckResult[];
  train?: TrainRun;
  /** Why training did not run, when it did not. */
  trainSkipped?: string;
}

export interface SubmissionResult {
  submission: Submission;
  rubric: { title: string; file: string };
  score: number;
  maxScore: number;
  tasks: TaskResult[];
  backend: string | null;
  /** How the student's code was isolated: see load/isolation.ts. */
  isolation: IsolationLevel;
  harnessVersion: string;
  executionSeconds: number;
  gradedAt: string;
  /**
   * The rubric's late policy, when it took points: score is after the penalty. The policy's
   * rates are kept so that a TA's change of late days can be re-priced without the rubric.
   */
  late?: { days: number; penaltyPercent: number; scoreBeforePenalty: number; percentPerDay: number; capPercent: number };
  /** Set by a TA's override of the late days: the days the harness counted, the TA's, and why. */
  lateOverride?: { from: number; to: number; comment: string };
}
