// What models.lock.json pins for each model the site serves: file sizes and SHA-256 digests, read at
// build time (Vite inlines the JSON), so the browser can check every byte it downloads against the
// same lock `npm run models` checked, and stated sizes are never typed by hand.
import lock from '../../../models.lock.json' with { type: 'json' };

interface LockedFile {
  readonly bytes: number;
  readonly sha256: string;
}

interface LockedModel {
  files: Record<string, LockedFile>;
  gzipWeights?: boolean;
  /** With gzipWeights: each weight file's `.gz` size, as `npm run models` writes it (what is downloaded). */
  gzipBytes?: Record<string, number>;
}

const MODELS = (lock as { models: Record<string, LockedModel> }).models;

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

/**
 * Bytes the reader downloads for a model: model.json plus every weight file, compressed where the site
 * serves it so (`gzipWeights`). The progress counts the model's own (uncompressed) bytes.
 */
export function lockedBytes(modelId: string): number {
  const gz = MODELS[modelId]?.gzipBytes ?? {};
  return Object.entries(lockedFiles(modelId)).reduce((s, [f, e]) => s + (gz[f] ?? e.bytes), 0);
}

/**
 * A file's version in its URL: `?v=` and the first 12 hex digits of its SHA-256. The site's own model
 * URLs carry it (model.json's here, each weight file's added by the loader), so a URL names one content
 * and `/models/` can be served as immutable: new bytes come with a new URL.
 */
export const versionQuery = (sha256: string) => `?v=${sha256.slice(0, 12)}`;
