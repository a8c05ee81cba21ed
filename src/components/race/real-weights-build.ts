// Build-time only (imported by the MDX page, never shipped to the browser): were the real Keras
// ResNet-50 weights placed in public/models/ (by `npm run models`) when the site was built? Only then
// does the race ask the server for them (a HEAD request), so a site built without them never logs a 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run models` puts the converted Keras ResNet-50 (tfjs layers format). */
export const REAL_RESNET50_PATH = 'models/resnet50/model.json';

export const realResnet50InBuild = (): boolean => existsSync(join(process.cwd(), 'public', REAL_RESNET50_PATH));
