/**
 * Step-up: exports need a proof of who the user is from the last
 * STEP_UP_MINUTES (10), not merely a session that is still alive; the
 * password proves it again, under the same rate limit as sign-in.
 */
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../server/db/schema';
import { appRouter } from '../../server/routers';
import { resolveSession } from '../../server/services/auth';
import { StepUpRequired } from '../../server/services/step-up';
import { createCallerFactory } from '../../server/trpc';
import { FIXTURE_PASSWORD, type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor, contextFor, testConfig } from '../helpers/server';

const world = fixtureDatabaseForFile();
const createCaller = createCallerFactory(appRouter);

const T0 = new Date('2026-11-24T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** Signs in with the password at T0; answers a caller for the same session at a later moment. */
async function signIn(user: FixtureUser, ip: string) {
  let token = '';
  await callerFor(world.database, null, { now: T0, ip, cookies: { set: (t) => (token = t) } }).auth.login({
    username: user.username,
    password: FIXTURE_PASSWORD,
  });
  return {
    token,
    async at(now: Date) {
      const authUser = await resolveSession(world.database.db, testConfig, token, now);
      if (!authUser) throw new Error('session gone');
      return createCaller({
        ...contextFor(world.database, null, { now, ip, sessionToken: token }),
        user: authUser,
      });
    },
  };
}

const queueExport = { kind: 'queue', filter: {} } as const;
const normsExport = { groupBy: 'team', list: 'upcoming' } as const;

describe('exports and step-up', () => {
  it('are allowed shortly after sign-in', async () => {
    const support = await signIn(world.f.users.support, '10.9.0.1');
    await expect((await support.at(minutes(5))).verwijzingen.exportCsv(queueExport)).resolves.toMatchObject({
      filename: expect.stringMatching(/\.csv$/),
    });
    const lead = await signIn(world.f.users.lead1, '10.9.0.2');
    await expect((await lead.at(minutes(9))).normsDashboard.exportCsv(normsExport)).resolves.toBeTruthy();
  });

  it('are refused with stepUp once the last proof is older than STEP_UP_MINUTES', async () => {
    const support = await signIn(world.f.users.support, '10.9.0.3');
    const refused = await (await support.at(minutes(11))).verwijzingen.exportCsv(queueExport).catch((e) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect((refused as TRPCError).cause).toBeInstanceOf(StepUpRequired);
    const lead = await signIn(world.f.users.lead1, '10.9.0.4');
    const refusedToo = await (await lead.at(minutes(25))).normsDashboard
      .exportCsv(normsExport)
      .catch((e) => e);
    expect(refusedToo).toMatchObject({ code: 'FORBIDDEN' });
    expect((refusedToo as TRPCError).cause).toBeInstanceOf(StepUpRequired);
  });

  it('are allowed again after a step-up with the right password, for STEP_UP_MINUTES', async () => {
    const support = await signIn(world.f.users.support, '10.9.0.5');
    const later = await support.at(minutes(20));
    await expect(later.auth.stepUp({ password: FIXTURE_PASSWORD })).resolves.toEqual({
      authenticatedAt: minutes(20),
    });
    await expect((await support.at(minutes(21))).verwijzingen.exportCsv(queueExport)).resolves.toBeTruthy();
    await expect((await support.at(minutes(29))).verwijzingen.exportCsv(queueExport)).resolves.toBeTruthy();
    await expect((await support.at(minutes(31))).verwijzingen.exportCsv(queueExport)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses a wrong password, and blocks the step-up after five failures even with the right one', async () => {
    const lead = await signIn(world.f.users.lead2, '10.9.0.6');
    const caller = await lead.at(minutes(15));
    await expect(caller.auth.stepUp({ password: 'niet-goed' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(caller.normsDashboard.exportCsv(normsExport)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (let i = 0; i < 4; i++) await caller.auth.stepUp({ password: `fout-${i}` }).catch(() => {});
    await expect(caller.auth.stepUp({ password: FIXTURE_PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    await expect((await lead.at(minutes(16))).normsDashboard.exportCsv(normsExport)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('sends a session of the identity provider to the provider instead of asking a password', async () => {
    const support = await signIn(world.f.users.support, '10.9.0.7');
    await world.database.db
      .update(sessions)
      .set({ authMethod: 'oidc' })
      .where(eq(sessions.userId, world.f.users.support.id));
    const caller = await support.at(minutes(15));
    await expect(caller.auth.stepUp({ password: FIXTURE_PASSWORD })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.auth.methods()).resolves.toMatchObject({ session: 'oidc', oidc: null });
  });

  it('needs a session', async () => {
    await expect(
      callerFor(world.database, null).auth.stepUp({ password: FIXTURE_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
