/**
 * The training lab's settings in the page URL, so a reader can share a run
 * (`?lab.depth=56&lab.bn=off`): one table of typed keys under the figure's prefix (src/lib/url-state.ts).
 * Only the settings the form shows are kept, and only when they differ from the defaults. A value that
 * is malformed or out of range falls back to its default and says so in a polite note (a hand-edited
 * link must still open); keys that are not the lab's are left alone.
 */
import { bool, defineUrlState, num, oneOf, type Codec } from '../url-state';
import { DEFAULT_LAB_SETTINGS, LAB_DEPTHS, LAB_LIMITS, type LabDepth } from './lab-methods';
import { DEFAULT_LAB_BACKEND, LAB_BACKENDS, evalEveryFor, type LabBackend, type LabFormFields, type LabFormState } from './lab-form';

/** A whole number in [min, max]; anything else is refused (and noted), never clamped. */
const whole = (min: number, max: number): Codec<number> => ({
  parse: (raw) => (/^\d+$/.test(raw.trim()) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined),
  format: String,
});
const depthCodec: Codec<LabDepth> = {
  parse: (raw) => LAB_DEPTHS.find((d) => String(d) === raw.trim()),
  format: String,
};
const onOff: Codec<boolean> = {
  parse: (raw) => (raw === 'on' ? true : raw === 'off' ? false : undefined),
  format: (v) => (v ? 'on' : 'off'),
};

const d = DEFAULT_LAB_SETTINGS;
const L = LAB_LIMITS;
const TABLE = {
  depth: { codec: depthCodec, default: d.depth },
  width: { codec: whole(...L.width), default: d.width },
  bn: { codec: onOff, default: d.batchNorm },
  lr: { codec: num(...L.learningRate), default: d.learningRate },
  batch: { codec: whole(...L.batchSize), default: d.batchSize },
  iters: { codec: whole(...L.maxIterations), default: d.maxIterations },
  backend: { codec: oneOf(LAB_BACKENDS), default: DEFAULT_LAB_BACKEND as LabBackend },
  /** The URL asks for the run to start as soon as the lab is shown. */
  run: { codec: bool, default: false },
};
const LAB_URL = defineUrlState('lab', TABLE);
type LabUrlKey = keyof typeof TABLE;

/** Why a key's value was refused, for the note. */
const WHY: Partial<Record<LabUrlKey, string>> = {
  depth: `depth must be one of ${LAB_DEPTHS.join(', ')}`,
  width: `width must be a whole number from ${L.width[0]} to ${L.width[1]}`,
  bn: 'batch norm is "on" or "off"',
  lr: `learning rate must be a number from ${L.learningRate[0]} to ${L.learningRate[1]}`,
  batch: `batch size must be a whole number from ${L.batchSize[0]} to ${L.batchSize[1]}`,
  iters: `iterations must be a whole number from ${L.maxIterations[0]} to ${L.maxIterations[1]}`,
  backend: `the backend is one of ${LAB_BACKENDS.join(', ')}`,
};

interface DecodedLabUrl extends LabFormState {
  /** The URL asks for the run to start as soon as the lab is shown (`lab.run=1`). */
  readonly run: boolean;
  /** One sentence per value that was ignored, for a status line. */
  readonly notes: readonly string[];
}

/** Reads the lab's settings from a query string; anything unusable keeps its default, with a note. */
export function decodeLabUrl(params: URLSearchParams): DecodedLabUrl {
  const u = LAB_URL.read(params);
  const notes: string[] = [];
  for (const [key, why] of Object.entries(WHY) as [LabUrlKey, string][]) {
    const raw = params.get(LAB_URL.param(key));
    if (raw !== null && TABLE[key].codec.parse(raw) === undefined)
      notes.push(`The link's ${LAB_URL.param(key)}=${raw} was ignored (${why}); the default is used.`);
  }
  const maxIterations = u.iters;
  const evalEvery = evalEveryFor(maxIterations);
  const settings = {
    ...d,
    depth: u.depth,
    width: u.width,
    batchNorm: u.bn,
    learningRate: u.lr,
    batchSize: u.batch,
    maxIterations,
    evalEvery,
    gradEvery: evalEvery,
  };
  return { settings, backend: u.backend, run: u.run, notes };
}

/** Writes the form's state into a copy of `params`: only non-default values, other keys untouched. */
export function encodeLabUrl(
  state: LabFormState & { readonly run?: boolean },
  params: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const s = state.settings;
  // An emptied or half-typed field (NaN) is left out: the link keeps the default instead.
  const or = (v: number, def: number): number => (Number.isFinite(v) ? v : def);
  return LAB_URL.write(
    {
      depth: s.depth,
      width: or(s.width, d.width),
      bn: s.batchNorm,
      lr: or(s.learningRate, d.learningRate),
      batch: or(s.batchSize, d.batchSize),
      iters: or(s.maxIterations, d.maxIterations),
      backend: state.backend,
      run: state.run ?? false,
    },
    params,
  );
}

/**
 * The form with the settings a reader changed before the lab hydrated (src/lib/early-clicks.ts)
 * written over it. Each control is marked with its URL key (`data-early-setting="width"`, a
 * checkbox's value `on`/`off`) and read with that key's codec; a value it refuses (empty, malformed,
 * out of range) is ignored, so the field keeps the value the URL or the default gave it.
 */
export function withEarlySettings(form: LabFormFields, kept: Readonly<Record<string, string>>): LabFormFields {
  const get = <K extends LabUrlKey>(key: K): (typeof TABLE)[K]['default'] | undefined => {
    const raw = kept[key];
    return raw === undefined ? undefined : (TABLE[key].codec.parse(raw) as (typeof TABLE)[K]['default'] | undefined);
  };
  return {
    depth: get('depth') ?? form.depth,
    width: get('width') ?? form.width,
    batchNorm: get('bn') ?? form.batchNorm,
    learningRate: get('lr') ?? form.learningRate,
    batchSize: get('batch') ?? form.batchSize,
    maxIterations: get('iters') ?? form.maxIterations,
    backend: get('backend') ?? form.backend,
  };
}

/** `?a=1` or '' (no lone "?"), for history.replaceState. */
export function searchString(params: URLSearchParams): string {
  const q = params.toString();
  return q ? `?${q}` : '';
}
