import { describe, expect, it } from 'vitest';
import { BENCH_CHILDREN, BENCH_USERNAME, buildBenchData } from '../../server/seed/bench';
import { buildDemoData } from '../../server/seed/demo';
import { plusDays } from '../../shared/rules/dates';

const TODAY = '2026-11-24';

describe('the benchmark data', () => {
  const data = buildBenchData(TODAY);
  const worker = data.users.find((u) => u.username === BENCH_USERNAME);
  const caseIds = new Set(data.caseAssignments.filter((a) => a.userId === worker?.id).map((a) => a.caseId));
  const ofCaseload = <T extends { caseId: string }>(rows: T[]) => rows.filter((r) => caseIds.has(r.caseId));

  it('is the demo organisation plus one jeugdbeschermer with 20 running cases', () => {
    const demo = buildDemoData(TODAY);
    expect(data.users).toHaveLength(demo.users.length + 1);
    expect(worker?.role).toBe('jeugdbeschermer');
    expect(caseIds.size).toBe(BENCH_CHILDREN);
    expect(data.cases.filter((c) => caseIds.has(c.id)).every((c) => c.status === 'actief')).toBe(true);
  });

  it('has two years of about weekly contacts per child, koers versions, extensions and referrals', () => {
    const contacts = ofCaseload(data.contacts);
    for (const caseId of caseIds) {
      const dates = contacts.filter((c) => c.caseId === caseId).map((c) => c.occurredAt as Date);
      expect(dates.length).toBeGreaterThan(80);
      const first = Math.min(...dates.map((d) => d.getTime()));
      expect(new Date(first).toISOString().slice(0, 10) <= plusDays(TODAY, -720)).toBe(true);
    }
    const koersen = ofCaseload(data.koersen);
    expect(koersen.some((k) => k.version === 2)).toBe(true);
    const measureIds = new Set(ofCaseload(data.maatregelen).map((m) => m.id));
    expect(data.beschikkingen.filter((b) => measureIds.has(b.maatregelId)).length).toBeGreaterThan(40);
    expect(ofCaseload(data.verwijzingen)).toHaveLength(BENCH_CHILDREN);
  });

  it('is the same on every build', () => {
    expect(JSON.stringify(buildBenchData(TODAY))).toBe(JSON.stringify(data));
  });
});
