#!/usr/bin/env node
// Runs the built CLI (dist/cli.js, made by `npm run build`, which `npm ci` runs as prepare).

// First of all: SIGUSR1 would open Node's inspector on 127.0.0.1:9229, and whoever connects
// runs code in the grader. A listener of our own replaces Node's (Node 20 has no
// --disable-sigusr1). Every harness process starts here, the per-submission workers too.
process.on('SIGUSR1', () => {});
// No child of the grader starts an inspector either (a worker inherits NODE_OPTIONS).
if (process.env.NODE_OPTIONS) {
  process.env.NODE_OPTIONS = process.env.NODE_OPTIONS.replace(/--(?:inspect-port|debug-port)(?:=|\s+)\S+|--inspect[\w-]*(?:=\S+)?/g, '').trim();
}

const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`cnn-grade is not built (${cli} is missing): run "npm run build" in ${path.dirname(__dirname)}\n`);
  process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
