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
