// What models.lock.json pins for each model the site serves: file sizes and SHA-256 digests, read at
// build time (Vite inlines the JSON), so the browser can check every byte it downloads against the
// same lock `npm run models` checked, and stated sizes are never typed by hand.
import lock from '../../../models.lock.json' with { type: 'json' };

interface LockedFile {
  readonly bytes: number;
  readonly sha256: string;
}

const MODELS = (lock as { models: Record<string, { files: Record<string, LockedFile>; gzipWeights?: boolean }> }).models;

function lockedFiles(modelId: string): Record<string, LockedFile> {
  const entry = MODELS[modelId];
  if (!entry) throw new Error(`models.lock.json has no model "${modelId}" (it has: ${Object.keys(MODELS).join(', ')})`);
  return entry.files;
}

/** File name (as in model.json's weightsManifest paths, plus "model.json") → lowercase hex SHA-256. */
export function expectedDigests(modelId: string): Record<string, string> {
  return Object.fromEntries(Object.entries(lockedFiles(modelId)).map(([f, e]) => [f, e.sha256]));
}

/**
 * Whether the site also serves the model's weight files gzip-compressed, as `<file>.gz` beside each
 * (`npm run models` places them): 8-bit weights shrink by a sixth, which hosts do not compress.
 */
export const gzipWeights = (modelId: string): boolean => MODELS[modelId]?.gzipWeights === true;

/** Bytes of a model's files (model.json plus every weight file), uncompressed. */
export function lockedBytes(modelId: string): number {
  return Object.values(lockedFiles(modelId)).reduce((s, e) => s + e.bytes, 0);
}

/**
 * A file's version in its URL: `?v=` and the first 12 hex digits of its SHA-256. The site's own model
 * URLs carry it (model.json's here, each weight file's added by the loader), so a URL names one content
 * and `/models/` can be served as immutable: new bytes come with a new URL.
 */
export const versionQuery = (sha256: string) => `?v=${sha256.slice(0, 12)}`;
