/**
 * Every figure's shareable state in the page URL, from one declarative table per figure (as
 * TensorFlow Playground's state.ts does): each key has a type (a codec) and a default, and every key
 * is written with the figure's prefix (`diagram.model=resnet50`), so two figures on one page never
 * fight over `model` or `step`. Only values that differ from the default are written; a value that
 * does not parse falls back to the default, so a hand-edited or outdated link still opens.
 */

/** How one value travels in a query string. `parse` returns undefined for anything it refuses. */
export interface Codec<T> {
  parse(raw: string): T | undefined;
  format(value: T): string;
  /** Whether two values are the same (for "is this the default?"); `===` unless given. */
  equals?(a: T, b: T): boolean;
}

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Codec<T> {
  return { parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined), format: String };
}

/** An integer, clamped into [min, max]; anything that is not a number is refused. */
export function int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Codec<number> {
  return {
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) return undefined;
      return Math.min(max, Math.max(min, Number.parseInt(raw, 10)));
    },
    format: String,
  };
}

/** A finite number in [min, max]; out-of-range values are refused, not clamped. */
export function num(min = -Infinity, max = Infinity): Codec<number> {
  return {
    parse(raw) {
      const x = Number(raw);
      return raw.trim() !== '' && Number.isFinite(x) && x >= min && x <= max ? x : undefined;
    },
    format: String,
  };
}

/** `1`/`0` (also `true`/`false` when reading). */
export const bool: Codec<boolean> = {
  parse: (raw) => (raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined),
  format: (v) => (v ? '1' : '0'),
};

/** Any string matching `pattern` (the whole value). */
export function text(pattern: RegExp = /^[\w.-]+$/): Codec<string> {
  return { parse: (raw) => (pattern.test(raw) ? raw : undefined), format: String };
}

/**
 * A comma-separated list of items; items the item codec refuses are dropped, duplicates kept once,
 * at most `max` items (the last ones win when the list is too long).
 */
export function list<T>(item: Codec<T>, max = Infinity): Codec<readonly T[]> {
  return {
    parse(raw) {
      const out: T[] = [];
      for (const part of raw.split(',')) {
        const v = item.parse(part.trim());
        if (v !== undefined && !out.some((o) => (item.equals ?? Object.is)(o, v))) out.push(v);
      }
      return out.slice(Math.max(0, out.length - max));
    },
    format: (vs) => vs.map((v) => item.format(v)).join(','),
    equals: (a, b) => a.length === b.length && a.every((v, i) => (item.equals ?? Object.is)(v, b[i]!)),
  };
}

export interface KeySpec<T> {
  readonly codec: Codec<T>;
  readonly default: T;
}

export type StateTable<S> = { readonly [K in keyof S]: KeySpec<S[K]> };

export interface UrlState<S> {
  readonly prefix: string;
  /** The query key of `key`: `${prefix}.${key}`. */
  param(key: keyof S & string): string;
  /** Every key at its default. */
  readonly defaults: S;
  /** The state in `search` (a query string, URLSearchParams or URL); missing or bad values are defaults. */
  read(search: string | URLSearchParams | URL): S;
  /** `params` (a copy) with this figure's keys rewritten: defaults removed, other keys untouched. */
  write(state: S, params?: URLSearchParams): URLSearchParams;
  /** `href` with the state written into its query; the path and the hash are kept. */
  href(state: S, href: string): string;
}

/**
 * The URL state of one figure: `prefix` names the figure (`diagram`, `zoo`, `lab`, `photo`), `table`
 * gives each key's codec and default.
 */
export function defineUrlState<S extends object>(prefix: string, table: StateTable<S>): UrlState<S> {
  const keys = Object.keys(table) as (keyof S & string)[];
  const param = (key: keyof S & string) => `${prefix}.${key}`;
  const defaults = Object.fromEntries(keys.map((k) => [k, table[k].default])) as S;
  const isDefault = <K extends keyof S>(k: K, v: S[K]) => (table[k].codec.equals ?? Object.is)(v, table[k].default);
  const paramsOf = (search: string | URLSearchParams | URL) =>
    search instanceof URLSearchParams ? search : search instanceof URL ? search.searchParams : new URLSearchParams(search);

  return {
    prefix,
    param,
    defaults,
    read(search) {
      const q = paramsOf(search);
      const out = { ...defaults };
      for (const k of keys) {
        const raw = q.get(param(k));
        if (raw === null) continue;
        const v = table[k].codec.parse(raw);
        if (v !== undefined) out[k] = v;
      }
      return out;
    },
    write(state, params = new URLSearchParams()) {
      const out = new URLSearchParams(params);
      for (const k of keys) {
        out.delete(param(k));
        if (!isDefault(k, state[k])) out.set(param(k), table[k].codec.format(state[k]));
      }
      return out;
    },
    href(state, href) {
      const url = new URL(href);
      url.search = this.write(state, url.searchParams).toString();
      return url.toString();
    },
  };
}
