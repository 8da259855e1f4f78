// The names of the kernels the harness adds (rather than replaces): training code asks tfjs
// for them by name on any backend and falls back to plain ops where one is not registered.

/** One Adam update of a variable: inputs { w, g, m, v }, outputs [w, m, v]. */
export const ADAM_STEP_KERNEL = 'CnnGradeAdamStep';
/** dz from dy and an activation's output y: inputs { dy, y }, attrs { activation: 'relu' | 'tanh' }. */
export const ACTIVATION_GRADIENT_KERNEL = 'CnnGradeActivationGradient';
