// Builds dist/ (the CLI and the sandbox runtime) before the suite, so tests run today's code.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit' });
};
