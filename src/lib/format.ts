/** Formatting shared by pages and components, so a number reads the same everywhere. */

const intFmt = new Intl.NumberFormat('en-US');

/** 138357544 → "138,357,544". */
export const formatInt = (n: number): string => intFmt.format(Math.round(n));

/** Fixed decimals without locale surprises: formatFixed(0.18529, 3) → "0.185". */
export const formatFixed = (x: number, digits: number): string => x.toFixed(digits);

/** 0.1853 → "1/5.4": a ratio below one as "one over". */
export const formatOneOver = (ratio: number, digits = 1): string => `1/${(1 / ratio).toFixed(digits)}`;

/** 5.397 → "5.4×". */
export const formatTimes = (x: number, digits = 1): string => `${x.toFixed(digits)}×`;

/** 3.6 → "+3.6", -0.6 → "−0.6" (a real minus sign). */
export const formatSigned = (x: number, digits = 1): string =>
  `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** 25.6 (millions) → "25.6 M". */
export const formatMillions = (m: number, digits = 1): string => `${m.toFixed(digits)} M`;

/** 74.9 → "74.9%". */
export const formatPercent = (x: number, digits = 1): string => `${x.toFixed(digits)}%`;

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
