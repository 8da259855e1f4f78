// Names shared by the bundler (trusted side) and the sandbox runtime (child side).

/** The global the sandbox runtime sets to the harness's tfjs modules, keyed by package name. */
export const TFJS_GLOBAL = '__cnnGradeTfjs';
