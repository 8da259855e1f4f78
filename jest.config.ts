import type { Config } from 'jest';

// CommonJS on purpose: ts-jest and jest run CJS without --experimental-vm-modules,
// and every runtime dependency we use (yargs 17, tfjs, simple-git) ships CJS.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/harness', '<rootDir>/reference'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The sandbox child and the CLI run from dist/; build them once before the suite.
  globalSetup: '<rootDir>/scripts/jest_global_setup.js',
  testTimeout: 60_000,
};

export default config;
