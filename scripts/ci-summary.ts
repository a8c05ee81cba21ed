// `.ci/run`'s count: reads the JSON reports the test runners wrote into one folder (CI_REPORTS_DIR:
// Vitest's `json` reporter, one file per run, and Playwright's `json` reporter) and prints
// "N passed, N failed" on its own line. `npx tsx scripts/ci-summary.ts <dir> <exit status of npm test>`.
// A run that failed without a failing test (a file that did not load, an unhandled error, a web server
// that did not start) and a step that failed before any test ran (type check, lint, build, size
// check: `npm test` exits non-zero with no failure counted) each count as one failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
}

/** What Vitest's `json` reporter writes (the Jest format), as far as the count needs it. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  success: boolean;
}

/** What Playwright's `json` reporter writes, as far as the count needs it. */
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

const isVitest = (r: object): r is VitestReport => 'numPassedTests' in r && 'numFailedTests' in r;
const isPlaywright = (r: object): r is PlaywrightReport =>
  'stats' in r && typeof r.stats === 'object' && r.stats !== null && 'expected' in r.stats;

/** One report's tests. A report that is not one of the two formats counts as one failure. */
export function countReport(report: unknown): Counts {
  if (typeof report !== 'object' || report === null) return { passed: 0, failed: 1 };
  if (isVitest(report)) {
    const failed = report.numFailedTests;
    // success is false also when a file failed to load or an error escaped the tests.
    return { passed: report.numPassedTests, failed: failed > 0 || report.success ? failed : 1 };
  }
  if (isPlaywright(report)) {
    const { expected, unexpected, flaky } = report.stats;
    // A flaky test passed on its retry. `errors` holds what failed outside any test (web server, setup).
    return { passed: expected + flaky, failed: unexpected > 0 || report.errors.length === 0 ? unexpected : 1 };
  }
  return { passed: 0, failed: 1 };
}

/** All reports together, and one failure for a non-zero exit that no report explains. */
export function summarize(reports: readonly unknown[], exitStatus: number): Counts {
  const total = reports
    .map(countReport)
    .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), { passed: 0, failed: 0 });
  return exitStatus !== 0 && total.failed === 0 ? { ...total, failed: 1 } : total;
}

/** The reports in `dir` (every `.json` file; one that does not parse, as a run cut short, counts as a failure). */
export function readReports(dir: string): unknown[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    try {
      return JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
    } catch {
      return null;
    }
  });
}

export const summaryLine = ({ passed, failed }: Counts): string => `${passed} passed, ${failed} failed`;

if (import.meta.filename === process.argv[1]) {
  const [dir, status] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: tsx scripts/ci-summary.ts <reports dir> [exit status of the test command]');
    process.exit(2);
  }
  console.log(summaryLine(summarize(readReports(dir), Number(status ?? 0))));
}
