// The harness's version, recorded in every result.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './paths';

export const HARNESS_VERSION: string = (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
