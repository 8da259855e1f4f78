// The harness's version, recorded in every result.

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const HARNESS_VERSION: string = (require('../package.json') as { version: string }).version;
