// Build-time only (imported by the MDX page, never shipped to the browser): were the real Keras
// ResNet-50 weights placed in public/models/ (by `npm run models`) when the site was built? Only then
// does the race ask the server for them (a HEAD request), so a site built without them never logs a 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { modelById } from '../../lib/inference/models';
import { racerSpec, REAL_WEIGHTS_MODEL_ID } from '../../lib/race/racers';

const weights = modelById(REAL_WEIGHTS_MODEL_ID);
// One ResNet-50 identity: the weights the race loads must be the network it counts MACs for.
if (weights.arch !== racerSpec('resnet50').id) {
  throw new Error(
    `the race's real weights (${weights.id}) are for ${weights.arch ?? 'no known architecture'}, but it races ${racerSpec('resnet50').id}`,
  );
}

/** Where `npm run models` puts the converted Keras ResNet-50 (tfjs layers format), relative to the site root. */
export const REAL_RESNET50_PATH = weights.urls[0]!.replace(/^\//, '').replace(/\?.*$/, '');

export const realResnet50InBuild = (): boolean => existsSync(join(process.cwd(), 'public', REAL_RESNET50_PATH));
