/**
 * Formatting shared by pages, components and workers, so a number reads the same everywhere. Built on
 * Intl.NumberFormat (no d3 here: text-only pages import this module and must stay free of d3). Every
 * number the site prints goes through one of these; a component never calls toFixed itself.
 */

const intFmt = new Intl.NumberFormat('en-US');
const cache = new Map<string, Intl.NumberFormat>();
/** One Intl.NumberFormat per option set, made on first use. */
function nf(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat('en-US', { useGrouping: false, ...opts })));
  return f;
}
/** Exactly `digits` decimals, no grouping: the body of every fixed-point formatter below. */
const fixed = (x: number, digits: number): string =>
  nf(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** 138357544 → "138,357,544". */
export const formatInt = (n: number): string => intFmt.format(Math.round(n));

/** Fixed decimals without locale surprises: formatFixed(0.18529, 3) → "0.185". */
export const formatFixed = (x: number, digits: number): string => fixed(x, digits);

/** 0.1853 → "1/5.4": a ratio below one as "one over". */
export const formatOneOver = (ratio: number, digits = 1): string => `1/${fixed(1 / ratio, digits)}`;

/** 0.18529 → "0.185×", 5.397 → "5.40×", 1 → "1.00×": a ratio to three significant figures, zeros kept. */
export const formatRatio = (r: number, digits = 3): string =>
  `${nf(`r${digits}`, { minimumSignificantDigits: digits, maximumSignificantDigits: digits }).format(r)}×`;

/** 1.5e9 → "1.50 G", 2.5e7 → "25.0 M", 802816 → "803 k", 999 → "999": counts on a chart, short. */
export function formatShortCount(n: number): string {
  if (n >= 1e9) return `${fixed(n / 1e9, 2)} G`;
  if (n >= 1e6) return `${fixed(n / 1e6, 1)} M`;
  if (n >= 1e3) return `${fixed(n / 1e3, 0)} k`;
  return String(n);
}

/** 5.397 → "5.4×". */
export const formatTimes = (x: number, digits = 1): string => `${fixed(x, digits)}×`;

/** 3.6 → "+3.6", -0.6 → "−0.6" (a real minus sign). */
export const formatSigned = (x: number, digits = 1): string => `${x >= 0 ? '+' : '−'}${fixed(Math.abs(x), digits)}`;

/** 25.6 (millions) → "25.6 M". */
export const formatMillions = (m: number, digits = 1): string => `${fixed(m, digits)} M`;

/** 74.9 → "74.9%" (the number is already in percent). */
export const formatPercent = (x: number, digits = 1): string => `${fixed(x, digits)}%`;

/** 0.749 → "74.9%" (a fraction of one). */
export const formatFraction = (x: number, digits = 1): string => formatPercent(100 * x, digits);

/** A share of a whole: 0.25 → "25.0%", 0.004 → "0.40%" (two decimals under 1%, so none reads "0.0%"). */
export const formatShare = (x: number): string => formatFraction(x, x < 0.01 ? 2 : 1);

/** −0.25 → "−0.25": a real minus sign, for numbers shown beside text; −0.004 → "0.00", never "−0.00". */
export const formatNumber = (x: number, digits: number): string =>
  nf(`n${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }).format(x).replace('-', '−');

/** Three significant figures, small values included: 123.4 → "123", 1.234 → "1.23", 0.001234 → "0.00123", 0 → "0". */
export const formatSignificant = (x: number, digits = 3): string =>
  x === 0 ? '0' : nf(`s${digits}`, { maximumSignificantDigits: digits }).format(x).replace('-', '−');

/**
 * A value on a map's colour scale: 0 → "0", 123.4 → "123", 1.234 → "1.23", 0.0456 → "0.046" (two
 * significant figures below one), so a legend reads the same whatever the layer's range.
 */
export function formatLevel(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 100) return fixed(x, 0);
  if (Math.abs(x) >= 1) return fixed(x, 2);
  return nf('p2', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 }).format(x);
}

/**
 * Decimal units, as weight files and memory are usually quoted: 553,430,176 → "553 MB",
 * 3,211,264 → "3.2 MB", 802,816 → "803 kB", 999 → "999 B". Three figures at most.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`not a byte count: ${bytes}`);
  const units = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${fixed(value, unit === 0 || value >= 99.95 ? 0 : 1)} ${units[unit]}`;
}

/** A download's size in decimal megabytes with fixed decimals, as the demos quote it: 10,480,000 → "10.5 MB". */
export const formatMB = (bytes: number, digits = 1): string => `${fixed(bytes / 1e6, digits)} MB`;

/** 12,345,678 bytes → "11.8 MiB": binary units, for memory budgets quoted as the browser does. */
export const formatMiB = (bytes: number, digits = 1): string => `${fixed(bytes / 2 ** 20, digits)} MiB`;

/** A duration: 0.42 → "0.42 ms", 12.3 → "12 ms", 1234 → "1.23 s", 75000 → "75 s". */
export function formatMs(ms: number): string {
  if (ms < 1) return `${fixed(ms, 2)} ms`;
  if (ms < 1000) return `${fixed(ms, 0)} ms`;
  return `${formatSignificant(ms / 1000, 3)} s`;
}

/** A time in milliseconds as a bare number beside its unit, whole digits kept: 1234.5 → "1235",
 * 12.34 → "12.3", 1.234 → "1.23", 0.05 → "0.05" (the race's table and chart). */
export const formatMsValue = (ms: number): string => fixed(ms, ms >= 100 ? 0 : ms >= 10 ? 1 : 2);

/** A waiting time in seconds, as a reader says it: 42 → "42 s", 372 → "6 min", 5400 → "1.5 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'an unknown time';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${fixed(seconds / 3600, 1)} h`;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 4.98e-10 → "5.0 × 10⁻¹⁰"; numbers from 0.01 to 1000 stay plain ("4.2", "0.35"). */
export function formatScientific(x: number, digits = 1): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e >= -2 && e < 3) return fixed(x, Math.max(0, digits - e));
  let mant = x / 10 ** e;
  let exp = e;
  if (Math.abs(Number(fixed(mant, digits))) >= 10) {
    mant /= 10;
    exp += 1;
  }
  return `${fixed(mant, digits)} × ${formatPowerOfTen(exp)}`;
}

/** −3 → "10⁻³": a power of ten with a superscript exponent (log-axis ticks). */
export const formatPowerOfTen = (exponent: number): string =>
  `10${String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'] as const;

/** 6 → "six": small whole counts in words, larger ones as digits ("1,202"). */
export const numberWord = (n: number): string => (Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : formatInt(n));

/** 2 → "twice", 3 → "three times", 2.5 → "2.5 times": a multiple in words. */
export const timesWord = (x: number): string => (x === 2 ? 'twice' : Number.isInteger(x) ? `${numberWord(x)} times` : `${x} times`);

/** 5e-4 → "5\\cdot10^{-4}", 1e-2 → "10^{-2}": a power-of-ten value as TeX (for <Tex>), exact digits only. */
export function texPowerOfTen(x: number): string {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`texPowerOfTen: ${x} is not a positive number`);
  const e = Math.floor(Math.log10(x) + 1e-9);
  const mant = Number((x / 10 ** e).toPrecision(12));
  return mant === 1 ? `10^{${e}}` : `${mant}\\cdot10^{${e}}`;
}
