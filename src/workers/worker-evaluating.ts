// Imported first by classifier.worker.ts: marks the moment the worker's module graph has been fetched
// and starts to evaluate (before tfjs does), for `npm run bench:cold`'s timeline.
import { mark } from '../lib/perf/marks';
import { WORKER_EVALUATING } from '../lib/perf/cold-timeline';

mark(WORKER_EVALUATING);
