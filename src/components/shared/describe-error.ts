// What the reader reads when a demo's request fails: the page's own messages as they are (a bad
// photo, a stopped worker), the loader's with a hint for developers, anything else explained. Shared by
// the classifier and the ResNet-50 probe.
import { WorkerCrashedError, WorkerError } from '../../lib/worker-rpc/errors';
import { BadImageError } from './decode-image';

/** What the reader should read for an error: our own messages as they are, others explained. */
export function describe(e: unknown): string {
  if (e instanceof BadImageError || e instanceof WorkerCrashedError) return e.message;
  if (e instanceof WorkerError && e.name === 'ModelLoadError') {
    // On a developer's machine a missing model usually means `npm run models` could not run.
    const hint =
      import.meta.env.DEV && e.kind === 'not-found'
        ? ' This dev server has no copy of it: run `npm run models` (see the README), then reload.'
        : '';
    return e.message + hint;
  }
  return `Something went wrong: ${(e as Error)?.message ?? String(e)}. The page still works: try again or pick another image.`;
}

/** A failure to get a model (or its worker): the reader may simply try again. */
export const isLoadError = (e: unknown) => e instanceof WorkerCrashedError || (e instanceof WorkerError && e.name === 'ModelLoadError');
