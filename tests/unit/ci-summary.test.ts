// `.ci/run`'s "N passed, N failed" from the runners' JSON reports. The samples are the fields of real
// reports (Vitest 5 `json`, Playwright 1.65 `json`) from small runs with a passing, a failing, a skipped
// and a flaky test, a file that threw on load, and a web server that did not start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { countReport, readReports, summarize, summaryLine } from '../../scripts/ci-summary';

const vitestGreen = { numTotalTests: 7, numPassedTests: 7, numFailedTests: 0, numPendingTests: 0, success: true, testResults: [] };
// a.test.ts: one passed, one failed, one skipped; b.test.ts threw before defining its test.
const vitestRed = { numTotalTests: 3, numPassedTests: 1, numFailedTests: 1, numPendingTests: 1, success: false, testResults: [] };
const vitestFileFailedToLoad = {
  numTotalTests: 0,
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  success: false,
  testResults: [],
};
const playwrightMixed = { stats: { expected: 1, skipped: 1, unexpected: 1, flaky: 1, duration: 1640 }, errors: [], suites: [] };
const playwrightNoServer = {
  stats: { expected: 0, skipped: 0, unexpected: 0, flaky: 0, duration: 40 },
  errors: [{ message: 'Error: Process from config.webServer was not able to start. Exit code: 3' }],
  suites: [],
};

describe('counting one report', () => {
  test('Vitest: passed and failed tests; skipped ones are neither', () => {
    expect(countReport(vitestGreen)).toEqual({ passed: 7, failed: 0 });
    expect(countReport(vitestRed)).toEqual({ passed: 1, failed: 1 });
  });

  test('Vitest: a failed run with no failed test (a file that did not load) is one failure', () => {
    expect(countReport(vitestFileFailedToLoad)).toEqual({ passed: 0, failed: 1 });
  });

  test('Playwright: a flaky test passed on its retry; skipped ones are neither', () => {
    expect(countReport(playwrightMixed)).toEqual({ passed: 2, failed: 1 });
  });

  test('Playwright: an error outside the tests (the web server) is one failure', () => {
    expect(countReport(playwrightNoServer)).toEqual({ passed: 0, failed: 1 });
  });

  test('anything else (a report cut short, another format) is one failure', () => {
    expect(countReport(null)).toEqual({ passed: 0, failed: 1 });
    expect(countReport({ tests: 3 })).toEqual({ passed: 0, failed: 1 });
  });
});

describe('the line .ci/run prints', () => {
  test('adds up every report', () => {
    expect(summaryLine(summarize([vitestGreen, vitestRed, playwrightMixed], 1))).toBe('10 passed, 2 failed');
    expect(summaryLine(summarize([vitestGreen, playwrightMixed], 1))).toBe('9 passed, 1 failed');
  });

  test('all green and a zero exit: no failure', () => {
    expect(summaryLine(summarize([vitestGreen], 0))).toBe('7 passed, 0 failed');
  });

  test('a step that failed before its tests ran (no report, or only green ones, and a non-zero exit) is one failure', () => {
    expect(summaryLine(summarize([], 1))).toBe('0 passed, 1 failed');
    expect(summaryLine(summarize([vitestGreen], 2))).toBe('7 passed, 1 failed');
  });
});

describe('reading the reports folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('every JSON file in it; one that does not parse counts as a failure; other files are ignored', () => {
    dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
    writeFileSync(join(dir, 'vitest-1.json'), JSON.stringify(vitestGreen));
    writeFileSync(join(dir, 'playwright-2.json'), JSON.stringify(playwrightMixed));
    writeFileSync(join(dir, 'vitest-3.json'), '{"numPassedTests": 4, "numFai');
    writeFileSync(join(dir, 'notes.txt'), 'not a report');
    expect(summaryLine(summarize(readReports(dir), 1))).toBe('9 passed, 2 failed');
  });

  test('a folder that was never written: no reports', () => {
    expect(readReports(join(tmpdir(), 'ci-summary-never-written'))).toEqual([]);
  });
});
