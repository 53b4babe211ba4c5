/**
 * What a document may say about a case, read for the user who asks: every row goes through the
 * role's projection (services/projection.ts), the same table the phone's pull and the online case
 * file use, so a field a role may not see is absent here and cannot reach a document. Callers have
 * checked access (assertCaseAccess); this only reads.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { dutchToday } from '../../../shared/rules/dates';
import type { KoersAgreement, KoersContent } from '../../../shared/schemas/koers';
import {
  aanbieders,
  beschikkingen,
  betrokkenen,
  caseAssignments,
  cases,
  gemeenten,
  gezinnen,
  jeugdigen,
  koersen,
  maatregelen,
  organisations,
  users,
  verwijzingen,
} from '../../db/schema';
import type { AuthedContext } from '../../trpc';
import { loadCaseSummaries } from '../case-summaries';
import { latestContacts } from '../cases';
import { mayRead, project } from '../projection';
import { holidayPolicyOf } from '../settings';

/** Contacts a document lists at most (the most recent). */
const CONTACTS_MAX = 40;

export async function caseFacts(ctx: AuthedContext, caseId: string) {
  const { role } = ctx.user;
  const [base] = await ctx.db
    .select({
      caseId: cases.id,
      jeugdigeId: jeugdigen.id,
      gezinId: gezinnen.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      gemeente: gemeenten.name,
      gezinName: gezinnen.name,
      organisation: organisations.name,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gezinnen, eq(gezinnen.id, jeugdigen.gezinId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, caseId));
  if (!base) throw new Error(`Dossier ${caseId} is onvolledig`);
  const measures = await ctx.db
    .select({
      id: maatregelen.id,
      type: maatregelen.type,
      zaaknummer: maatregelen.zaaknummer,
      court: maatregelen.court,
      rulingDate: maatregelen.rulingDate,
      startDate: maatregelen.startDate,
      endDate: maatregelen.endDate,
      outOfHomePlacement: maatregelen.outOfHomePlacement,
      status: maatregelen.status,
    })
    .from(maatregelen)
    .where(eq(maatregelen.caseId, caseId))
    .orderBy(desc(maatregelen.rulingDate));
  const [network, orders, koersRows, contactRows, helpRows, carriers, summaries] = await Promise.all([
    ctx.db
      .select({
        id: betrokkenen.id,
        name: betrokkenen.name,
        relation: betrokkenen.relation,
        hasCustody: betrokkenen.hasCustody,
        phone: betrokkenen.phone,
        email: betrokkenen.email,
      })
      .from(betrokkenen)
      .where(eq(betrokkenen.gezinId, base.gezinId))
      .orderBy(asc(betrokkenen.name)),
    measures.length
      ? ctx.db
          .select({
            id: beschikkingen.id,
            maatregelId: beschikkingen.maatregelId,
            kind: beschikkingen.kind,
            date: beschikkingen.date,
            validUntil: beschikkingen.validUntil,
            reference: beschikkingen.reference,
          })
          .from(beschikkingen)
          .where(
            inArray(
              beschikkingen.maatregelId,
              measures.map((m) => m.id),
            ),
          )
          .orderBy(asc(beschikkingen.date))
      : Promise.resolve([]),
    ctx.db
      .select({
        id: koersen.id,
        version: koersen.version,
        status: koersen.status,
        content: koersen.content,
        agreement: koersen.agreement,
        evaluationDate: koersen.evaluationDate,
        agreedOn: koersen.agreedOn,
      })
      .from(koersen)
      .where(eq(koersen.caseId, caseId))
      .orderBy(asc(koersen.version)),
    latestContacts(ctx.db, caseId, CONTACTS_MAX),
    ctx.db
      .select({
        id: verwijzingen.id,
        status: verwijzingen.status,
        productName: verwijzingen.productName,
        goalIds: verwijzingen.goalIds,
        aanbiederName: aanbieders.name,
        requestedAt: verwijzingen.requestedAt,
        helpDueDate: verwijzingen.helpDueDate,
        expectedStartOn: verwijzingen.expectedStartOn,
        startedOn: verwijzingen.startedOn,
        endedOn: verwijzingen.endedOn,
        escalation: verwijzingen.escalation,
        bridging: verwijzingen.bridging,
        alternative: verwijzingen.alternative,
      })
      .from(verwijzingen)
      .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
      .where(eq(verwijzingen.caseId, caseId))
      .orderBy(asc(verwijzingen.requestedAt)),
    ctx.db
      .select({
        userId: caseAssignments.userId,
        name: users.displayName,
        role: caseAssignments.role,
        fromDate: caseAssignments.fromDate,
        untilDate: caseAssignments.untilDate,
      })
      .from(caseAssignments)
      .innerJoin(users, eq(users.id, caseAssignments.userId))
      .where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.role, 'vast')))
      .orderBy(asc(caseAssignments.fromDate)),
    loadCaseSummaries(ctx.db, [caseId], ctx.now, await holidayPolicyOf(ctx.db, ctx.user.organisationId)),
  ]);
  const today = dutchToday(ctx.now);
  const jeugdige = project(role, 'jeugdige', {
    firstName: base.firstName,
    lastName: base.lastName,
    birthDate: base.birthDate,
    gemeente: base.gemeente,
  });
  const vast = carriers.filter((a) => a.fromDate <= today && (a.untilDate === null || a.untilDate >= today));
  return {
    today,
    /** Whether the role may read the koers's content and the contacts' reports (need-to-know). */
    visible: { koers: mayRead(role, 'koers', 'content'), reports: mayRead(role, 'contact', 'report') },
    organisation: base.organisation,
    jeugdige,
    gezin: project(role, 'gezin', { name: base.gezinName }),
    network: network.map((p) => project(role, 'betrokkene', p)),
    measures: measures.map((m) => ({ id: m.id, ...project(role, 'maatregel', m) })),
    beschikkingen: orders.map((b) => ({ maatregelId: b.maatregelId, ...project(role, 'beschikking', b) })),
    koersen: koersRows.map((k) => {
      const seen = project(role, 'koers', k) as Partial<{
        version: number;
        status: string;
        content: Partial<KoersContent>;
        agreement: KoersAgreement;
        evaluationDate: string | null;
        agreedOn: string | null;
      }>;
      return seen;
    }),
    contacts: contactRows.map((c) =>
      project(role, 'contact', { ...c, occurredAt: c.occurredAt.toISOString() }),
    ),
    help: helpRows.map((v) =>
      project(role, 'verwijzing', { ...v, requestedAt: v.requestedAt.toISOString() }),
    ),
    /** The vaste jeugdbeschermer of today (names of colleagues are not case content). */
    worker: vast.at(-1)?.name ?? null,
    /** The vaste jeugdbeschermers of the case over time (the handover letter: who comes, who goes). */
    carriers: carriers.map((a) => ({ name: a.name, fromDate: a.fromDate, untilDate: a.untilDate })),
    summary: summaries[0] ?? null,
  };
}

export type CaseFacts = Awaited<ReturnType<typeof caseFacts>>;
