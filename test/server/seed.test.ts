import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { buildDemoData, DEMO_PASSWORD, seedDemoIfEmpty } from '../../server/seed/demo';
import { NORM_KEYS } from '../../shared/rules/norms';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { callerFor } from '../helpers/server';

const TODAY = '2026-11-24';

describe('the demo data', () => {
  const data = buildDemoData(TODAY);

  it('is a GI with 2 teams, 8 jeugdbeschermers, 2 team leads, 2 support staff and 1 beheerder', () => {
    expect(data.teams).toHaveLength(2);
    const roles = data.users.map((u) => u.role);
    expect(roles.filter((r) => r === 'jeugdbeschermer')).toHaveLength(8);
    expect(roles.filter((r) => r === 'teamleider')).toHaveLength(2);
    expect(roles.filter((r) => r === 'ondersteuner')).toHaveLength(2);
    expect(roles.filter((r) => r === 'beheerder')).toHaveLength(1);
  });

  it('has about 120 children in about 80 families across at least 4 gemeenten in 2 regions', () => {
    expect(data.jeugdigen).toHaveLength(120);
    expect(data.gezinnen).toHaveLength(80);
    expect(data.regions).toHaveLength(2);
    expect(new Set(data.jeugdigen.map((j) => j.gemeenteId)).size).toBeGreaterThanOrEqual(4);
  });

  it('has measures of each type, koersen in each state, and referrals in several states', () => {
    expect(new Set(data.maatregelen.map((m) => m.type))).toEqual(
      new Set(['ots', 'vots', 'voogdij', 'jeugdreclassering']),
    );
    expect(new Set(data.koersen.map((k) => k.status))).toEqual(
      new Set(['concept', 'in_afstemming', 'vastgesteld']),
    );
    expect(new Set(data.verwijzingen.map((v) => v.status)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives every referral a history that leads to its status, and the regions their arrangements', () => {
    for (const v of data.verwijzingen) {
      const steps = data.verwijzingStappen
        .filter((h) => h.verwijzingId === v.id)
        .sort((a, b) => new Date(a.at ?? 0).getTime() - new Date(b.at ?? 0).getTime());
      expect(steps[0]?.step).toBe('indienen');
      expect(steps.at(-1)?.toStatus).toBe(v.status);
      expect(steps.slice(1).map((h) => h.fromStatus)).toEqual(steps.slice(0, -1).map((h) => h.toStatus));
    }
    expect(data.regionArrangements.map((a) => a.regionId).sort()).toEqual(
      data.regions.map((r) => r.id).sort(),
    );
  });

  it('has complex divorces in most files and every waiting child triaged with a safety check', () => {
    const share = data.cases.filter((c) => c.complexDivorce).length / data.cases.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.8);
    const waiting = data.cases.filter((c) => c.status === 'wachtlijst').map((c) => c.id);
    expect(waiting.length).toBeGreaterThan(0);
    expect(data.caseWaiting.map((w) => w.caseId).sort()).toEqual([...waiting].sort());
    for (const w of data.caseWaiting)
      expect(w).toMatchObject({ triage: 'niet_acuut', riskInstrument: 'LIRIK' });
  });

  it('has contact history reaching back two years', () => {
    const oldest = Math.min(...data.contacts.map((c) => (c.occurredAt as Date).getTime()));
    const days = (new Date(`${TODAY}T12:00:00Z`).getTime() - oldest) / 86_400_000;
    expect(days).toBeGreaterThan(600);
    expect(data.contacts.length).toBeGreaterThan(2000);
  });

  it('is the same on every run', () => {
    const again = buildDemoData(TODAY);
    expect(again.jeugdigen.map((j) => [j.id, j.firstName])).toEqual(
      data.jeugdigen.map((j) => [j.id, j.firstName]),
    );
  });
});

describe('seeding', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.dispose());

  it('fills an empty database once, and some norms are breached and some are met', async () => {
    expect(await seedDemoIfEmpty(database.db, TODAY)).toBe(true);
    expect(await seedDemoIfEmpty(database.db, TODAY)).toBe(false);
    const [children] = await database.db.select({ n: count() }).from(t.jeugdigen);
    expect(children?.n).toBe(120);

    const [sanne] = await database.db
      .select({ id: t.users.id, organisationId: t.users.organisationId, teamId: t.users.teamId })
      .from(t.users)
      .where(eq(t.users.username, 'sanne.devries'));
    if (!sanne) throw new Error('demo user missing');
    let token: string | null = null;
    await callerFor(database, null, { cookies: { set: (v) => (token = v) } }).auth.login({
      username: 'sanne.devries',
      password: DEMO_PASSWORD,
    });
    expect(token).not.toBeNull();

    const caseload = await callerFor(
      database,
      { ...sanne, username: 'sanne.devries', role: 'jeugdbeschermer', displayName: 'Sanne de Vries' },
      { now: new Date(`${TODAY}T10:00:00Z`) },
    ).cases.mine();
    expect(caseload.length).toBeGreaterThanOrEqual(10);
    const states = caseload.flatMap((c) => NORM_KEYS.map((k) => c.norms[k].state));
    expect(states).toContain('te-laat');
    expect(states).toContain('voldaan');
  });
});
