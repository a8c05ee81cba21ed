import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatFraction,
  formatLevel,
  formatMB,
  formatMiB,
  formatMs,
  formatMsValue,
  formatNumber,
  formatPercent,
  formatPowerOfTen,
  formatScientific,
  formatShare,
  formatShortCount,
  formatSignificant,
} from '../../src/lib/format';

describe('format: one way to print each kind of number', () => {
  it('bytes in decimal units, three figures at most', () => {
    expect([0, 999, 802_816, 3_211_264, 553_430_176, 2_147_483_648].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '803 kB',
      '3.2 MB',
      '553 MB',
      '2.1 GB',
    ]);
    expect(() => formatBytes(-1)).toThrow();
    expect(formatMiB(3 * 2 ** 20)).toBe('3.0 MiB');
    expect([10_480_000, 600e6].map((b) => formatMB(b))).toEqual(['10.5 MB', '600.0 MB']);
    expect([0, 123.4, 1.234, 0.0456, -0.5].map(formatLevel)).toEqual(['0', '123', '1.23', '0.046', '-0.50']);
  });
  it('fractions and percents, with a real minus sign where it shows', () => {
    expect(formatFraction(0.7534)).toBe('75.3%');
    expect(formatPercent(74.94, 2)).toBe('74.94%');
    expect(formatNumber(-0.254, 2)).toBe('−0.25');
    expect(formatNumber(-0.004, 2)).toBe('0.00');
    expect([formatShare(0.25), formatShare(0.004)]).toEqual(['25.0%', '0.40%']);
    expect([formatShortCount(1.5e9), formatShortCount(2.5e7), formatShortCount(802816), formatShortCount(999)]).toEqual([
      '1.50 G',
      '25.0 M',
      '803 k',
      '999',
    ]);
    expect(formatSignificant(0.001234)).toBe('0.00123');
    expect(formatSignificant(1234.5)).toBe('1230');
  });
  it('durations in ms below a second, seconds above', () => {
    expect([0.421, 12.3, 1234, 75_000].map(formatMs)).toEqual(['0.42 ms', '12 ms', '1.23 s', '75 s']);
    expect([1234.5, 12.34, 1.234, 0.05].map(formatMsValue)).toEqual(['1235', '12.3', '1.23', '0.05']);
    expect([formatDuration(42), formatDuration(372), formatDuration(5400), formatDuration(Number.NaN)]).toEqual([
      '42 s',
      '6 min',
      '1.5 h',
      'an unknown time',
    ]);
  });
  it('powers of ten as a reader writes them', () => {
    expect([formatScientific(4.98e-10), formatScientific(9.96e-10), formatScientific(1480)]).toEqual([
      '5.0 × 10⁻¹⁰',
      '1.0 × 10⁻⁹',
      '1.5 × 10³',
    ]);
    expect([formatScientific(4.2), formatScientific(0.35), formatScientific(123)]).toEqual(['4.2', '0.35', '123']);
  });
  it('powers of ten with superscript exponents', () => {
    expect([-10, -3, 0, 2].map(formatPowerOfTen)).toEqual(['10⁻¹⁰', '10⁻³', '10⁰', '10²']);
  });
});
