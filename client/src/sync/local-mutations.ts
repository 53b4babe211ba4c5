/**
 * The phone's side of each mutation: the optimistic rows it writes at once,
 * so the UI shows the change before any network. The same functions run again
 * when pending mutations are re-applied on top of pulled server state (rebase).
 * They read the current local rows but never write; the caller writes.
 */
import { dutchToday } from '../../../shared/rules/dates';
import { carriedEvaluationDate, emptyKoersContent } from '../../../shared/rules/koers';
import { currentRulingDate, helpDueDate } from '../../../shared/rules/norms';
import type { MutationArgs, MutationName } from '../../../shared/schemas/mutations';
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { LocalData, LocalRow, LocalRowOf } from '../local/store';

export interface LocalReader {
  userId: string;
  get<E extends SyncEntity>(entity: E, id: string): Promise<LocalRow<E> | undefined>;
  list<E extends SyncEntity>(entity: E, caseId: string): Promise<LocalRow<E>[]>;
}

type Optimistic<N extends MutationName> = (args: MutationArgs<N>, read: LocalReader) => Promise<LocalRow[]>;

const changed = <E extends SyncEntity>(row: LocalRowOf<E>, data: Partial<LocalData<E>>): LocalRowOf<E> => ({
  ...row,
  data: { ...row.data, ...data },
});

export const optimisticWrites: { [N in MutationName]: Optimistic<N> } = {
  async logContact(args, read) {
    return [
      {
        entity: 'contact',
        id: args.id,
        caseId: args.caseId,
        version: 0,
        data: { ...args, authorId: read.userId },
      },
    ];
  },

  async startKoers(args, read) {
    const versions = await read.list('koers', args.caseId);
    const latest = versions.sort((a, b) => b.data.version - a.data.version)[0];
    return [
      {
        entity: 'koers',
        id: args.id,
        caseId: args.caseId,
        version: 0,
        data: {
          id: args.id,
          caseId: args.caseId,
          version: (latest?.data.version ?? 0) + 1,
          status: 'concept',
          content: latest?.data.content ?? emptyKoersContent(),
          agreement: { gezin: false, jeugdige: false, netwerk: false, toelichting: '' },
          evaluationDate: carriedEvaluationDate(latest?.data.evaluationDate, dutchToday()),
          agreedOn: null,
          createdBy: read.userId,
          fieldVersions: {},
        },
      },
    ];
  },

  async editKoers(args, read) {
    const koers = await read.get('koers', args.koersId);
    if (!koers) return [];
    const { evaluationDate, ...content } = args.values;
    return [
      changed(koers, {
        content: { ...koers.data.content, ...content },
        ...(evaluationDate !== undefined ? { evaluationDate } : {}),
      }),
    ];
  },

  async setKoersStatus(args, read) {
    const koers = await read.get('koers', args.koersId);
    if (!koers) return [];
    return [
      changed(koers, {
        status: args.status,
        ...(args.agreement ? { agreement: args.agreement } : {}),
        ...(args.status === 'vastgesteld' ? { agreedOn: args.agreedOn ?? null } : {}),
      }),
    ];
  },

  async resolveKoersConflict(args, read) {
    const conflict = await read.get('koersConflict', args.conflictId);
    if (!conflict) return [];
    const rows: LocalRow[] = [
      changed(conflict, { resolvedAt: new Date().toISOString(), resolution: args.keep }),
    ];
    const koers = await read.get('koers', conflict.data.koersId);
    if (koers && args.keep === 'mine') {
      const { field, mine } = conflict.data;
      // The server kept the edit's value as it came (a koers field's JSON value): put back as it was.
      rows.push(
        field === 'evaluationDate'
          ? changed(koers, { evaluationDate: mine as string | null })
          : changed(koers, { content: { ...koers.data.content, [field]: mine } }),
      );
    }
    return rows;
  },

  /** A request made offline shows at once as submitted; the server decides its due date at sync. */
  async requestHelp(args, read) {
    const measures = await read.list('maatregel', args.caseId);
    const ruling = currentRulingDate(
      measures.map((m) => ({
        rulingDate: m.data.rulingDate,
        status: m.data.status,
        normsFrom: m.data.normsFrom ?? null,
      })),
    );
    const { requestedAt, ...request } = args;
    return [
      {
        entity: 'verwijzing',
        id: args.id,
        caseId: args.caseId,
        version: 0,
        data: {
          ...request,
          status: 'ingediend',
          aanbiederId: null,
          aanbiederName: null,
          helpDueDate: ruling ? helpDueDate(ruling) : null,
          requestedAt,
          startedOn: null,
          endedOn: null,
          escalation: 'geen',
          expectedStartOn: null,
          followUpOn: null,
          bridging: null,
          alternative: null,
        },
      },
    ];
  },

  async chooseAlternative(args, read) {
    const request = await read.get('verwijzing', args.verwijzingId);
    const alternative = request?.data.alternative;
    if (!request || !alternative) return [];
    return [
      changed(request, {
        alternative: { ...alternative, choice: args.choice, reason: args.reason, decidedAt: args.decidedAt },
      }),
    ];
  },
  /** The bijlage's metadata shows at once; its bytes stay in the phone's own attachment table until uploaded. */
  async addAttachment() {
    return [];
  },
};
