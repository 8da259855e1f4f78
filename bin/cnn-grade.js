#!/usr/bin/env node
// Runs the built CLI (dist/cli.js, made by `npm run build`, which `npm ci` runs as prepare).
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
