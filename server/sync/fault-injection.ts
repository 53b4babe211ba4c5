/**
 * Test-only fault points for the crash-window tests (test/e2e/crash-windows.spec.ts).
 * Inert unless FAULT_INJECTION_FILE names a file AND NODE_ENV is set to
 * 'development' or 'test' (unset is production): then, at each named point, the server reads that JSON file
 * (the test writes and removes it while the server runs) and, if the point is
 * armed there, prints `fault:<point>` on stdout and waits the given
 * milliseconds. `pullPageRows` caps the rows of a pull page, so a small
 * caseload comes in many pages.
 */
import { readFileSync } from 'node:fs';

export type FaultPoint = 'push-before-commit' | 'push-after-commit' | 'pull-page';

interface FaultPlan {
  /** Milliseconds to wait at each armed point. */
  delays?: Partial<Record<FaultPoint, number>>;
  pullPageRows?: number;
}

const testing = process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'test';
const file = testing ? process.env.FAULT_INJECTION_FILE : undefined;

function plan(): FaultPlan {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FaultPlan;
  } catch {
    return {};
  }
}

/** At a fault point: wait if the test armed it (a no-op otherwise). */
export async function faultPoint(point: FaultPoint): Promise<void> {
  if (!file) return;
  const ms = plan().delays?.[point];
  if (!ms) return;
  process.stdout.write(`fault:${point}\n`);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The page size of a pull, capped when the test asks for small pages. */
export function faultPullLimit(limit: number): number {
  if (!file) return limit;
  const rows = plan().pullPageRows;
  return rows ? Math.min(limit, rows) : limit;
}
