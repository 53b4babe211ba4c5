/**
 * The rows of a pull window, table-driven: one spec per synced entity (its table, the joins from a
 * row to its case, the fields of shared/schemas/synced-rows.ts and where each is read), and one
 * builder that turns the specs into a single statement.
 *
 * The statement's text never changes: the window (case ids, versions, cursor, limit, user) travels
 * as parameters, so PostgreSQL parses and plans it once per connection (a named prepared
 * statement) however many phones pull; on PGlite it is a session function, planned once per process
 * (db/prepared.ts). One round trip returns the rows of every entity, each row as
 * JSON in the fields the phone reads (so no `exists` probe first: a table without rows in the window
 * costs an index lookup per case of the window, no round trip).
 */
import { eq, getTableName, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { type PulledRow, SYNC_ENTITIES, type SyncEntity } from '../../shared/schemas/sync';
import type { SyncedRows } from '../../shared/schemas/synced-rows';
import type { Db } from '../db/connection';
import { isPglite, querySessionFunction } from '../db/prepared';
import {
  beschikkingColumns,
  betrokkeneColumns,
  maatregelColumns,
  verwijzingColumns,
} from '../db/row-columns';
import {
  aanbieders,
  attachments,
  beschikkingen,
  betrokkenen,
  caseAssignments,
  cases,
  contacts,
  gemeenten,
  gezinnen,
  jeugdigen,
  koersConflicts,
  koersen,
  maatregelen,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';

/** A table joined for a name the row shows (by its key). */
interface Join {
  table: PgTable;
  on: SQL;
  /** Kept when nothing matches (a name that may be missing). */
  left?: boolean;
}

/** One step from a case towards its rows: `key`'s values in the rows whose `from` is the previous step's. */
interface Step {
  from: AnyPgColumn;
  key: AnyPgColumn;
}

/** How one entity's rows are read. */
interface RowSpec<E extends SyncEntity> {
  /** The row's own table: its id and version. */
  table: PgTable & { id: AnyPgColumn; rowVersion: AnyPgColumn };
  /**
   * The row's column that leads to its case: the case id itself, or (through `via`, from the case
   * id on) the key of the row's parent (gezin and betrokkenen: of each case of the family).
   */
  caseKey: AnyPgColumn;
  via?: Step[];
  joins?: Join[];
  /** Every field of the schema, and where it is read: a field renamed there fails here. */
  fields: { [K in keyof SyncedRows[E]]-?: AnyPgColumn | SQL };
  /** A further row rule, on the pulling user's id. */
  where?: (userId: SQL) => SQL;
}

type RowSpecs = { [E in SyncEntity]: RowSpec<E> };

/** A moment as the phone gets it: `Date.toISOString()` (UTC, milliseconds). */
const instant = (column: AnyPgColumn) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SPECS: RowSpecs = {
  case: {
    table: cases,
    caseKey: cases.id,
    fields: {
      id: cases.id,
      jeugdigeId: cases.jeugdigeId,
      teamId: cases.teamId,
      status: cases.status,
      openedOn: cases.openedOn,
      closedOn: cases.closedOn,
    },
  },
  assignment: {
    table: caseAssignments,
    caseKey: caseAssignments.caseId,
    joins: [{ table: users, on: eq(users.id, caseAssignments.userId) }],
    fields: {
      id: caseAssignments.id,
      caseId: caseAssignments.caseId,
      userId: caseAssignments.userId,
      userName: users.displayName,
      role: caseAssignments.role,
      fromDate: caseAssignments.fromDate,
      untilDate: caseAssignments.untilDate,
      handoverNote: caseAssignments.handoverNote,
    },
  },
  jeugdige: {
    table: jeugdigen,
    caseKey: jeugdigen.id,
    via: [{ from: cases.id, key: cases.jeugdigeId }],
    joins: [{ table: gemeenten, on: eq(gemeenten.id, jeugdigen.gemeenteId) }],
    fields: {
      id: jeugdigen.id,
      gezinId: jeugdigen.gezinId,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      gemeenteId: jeugdigen.gemeenteId,
      gemeente: gemeenten.name,
    },
  },
  gezin: {
    table: gezinnen,
    caseKey: gezinnen.id,
    via: [
      { from: cases.id, key: cases.jeugdigeId },
      { from: jeugdigen.id, key: jeugdigen.gezinId },
    ],
    fields: {
      id: gezinnen.id,
      name: gezinnen.name,
      address: gezinnen.address,
      postcode: gezinnen.postcode,
      gemeenteId: gezinnen.gemeenteId,
    },
  },
  betrokkene: {
    table: betrokkenen,
    caseKey: betrokkenen.gezinId,
    via: [
      { from: cases.id, key: cases.jeugdigeId },
      { from: jeugdigen.id, key: jeugdigen.gezinId },
    ],
    fields: betrokkeneColumns,
  },
  maatregel: {
    table: maatregelen,
    caseKey: maatregelen.caseId,
    fields: maatregelColumns,
  },
  beschikking: {
    table: beschikkingen,
    caseKey: beschikkingen.maatregelId,
    via: [{ from: maatregelen.caseId, key: maatregelen.id }],
    fields: beschikkingColumns,
  },
  koers: {
    table: koersen,
    caseKey: koersen.caseId,
    fields: {
      id: koersen.id,
      caseId: koersen.caseId,
      version: koersen.version,
      status: koersen.status,
      content: koersen.content,
      agreement: koersen.agreement,
      evaluationDate: koersen.evaluationDate,
      agreedOn: koersen.agreedOn,
      // Per field, the version of its last change: the device sends it back as the base of an edit.
      fieldVersions: koersen.fieldVersions,
      createdBy: koersen.createdBy,
      updatedAt: instant(koersen.updatedAt),
    },
  },
  // A conflict is shown to the one whose edit it holds.
  koersConflict: {
    table: koersConflicts,
    caseKey: koersConflicts.caseId,
    where: (userId) => sql`${koersConflicts.authorId} = ${userId}`,
    fields: {
      id: koersConflicts.id,
      caseId: koersConflicts.caseId,
      koersId: koersConflicts.koersId,
      field: koersConflicts.field,
      theirs: koersConflicts.theirs,
      mine: koersConflicts.mine,
      createdAt: instant(koersConflicts.createdAt),
      resolvedAt: instant(koersConflicts.resolvedAt),
      resolution: koersConflicts.resolution,
    },
  },
  contact: {
    table: contacts,
    caseKey: contacts.caseId,
    fields: {
      id: contacts.id,
      caseId: contacts.caseId,
      kind: contacts.kind,
      occurredAt: instant(contacts.occurredAt),
      present: contacts.present,
      childSeen: contacts.childSeen,
      report: contacts.report,
      amendsId: contacts.amendsId,
      nextContactOn: contacts.nextContactOn,
      authorId: contacts.authorId,
    },
  },
  verwijzing: {
    table: verwijzingen,
    caseKey: verwijzingen.caseId,
    joins: [{ table: aanbieders, on: eq(aanbieders.id, verwijzingen.aanbiederId), left: true }],
    fields: {
      ...verwijzingColumns,
      aanbiederName: aanbieders.name,
      requestedAt: instant(verwijzingen.requestedAt),
    },
  },
  /** A request's history: every step and note, with who took it (by name) and the answer. */
  verwijzingStap: {
    table: verwijzingStappen,
    // Through the case's requests (the step's own case is its request's), by their indexes.
    caseKey: verwijzingStappen.verwijzingId,
    via: [{ from: verwijzingen.caseId, key: verwijzingen.id }],
    joins: [
      { table: users, on: eq(users.id, verwijzingStappen.byUserId) },
      { table: aanbieders, on: eq(aanbieders.id, verwijzingStappen.aanbiederId), left: true },
    ],
    fields: {
      id: verwijzingStappen.id,
      caseId: verwijzingStappen.caseId,
      verwijzingId: verwijzingStappen.verwijzingId,
      step: verwijzingStappen.step,
      fromStatus: verwijzingStappen.fromStatus,
      toStatus: verwijzingStappen.toStatus,
      answer: verwijzingStappen.answer,
      aanbiederName: aanbieders.name,
      on: verwijzingStappen.on,
      byUserId: verwijzingStappen.byUserId,
      byName: users.displayName,
      byRole: verwijzingStappen.byRole,
      at: instant(verwijzingStappen.at),
    },
  },
  /** A bijlage's metadata: never its bytes (those are in tables of their own, fetched on demand). */
  bijlage: {
    table: attachments,
    caseKey: attachments.caseId,
    fields: {
      id: attachments.id,
      caseId: attachments.caseId,
      contactId: attachments.contactId,
      kind: attachments.kind,
      mime: attachments.mime,
      bytes: attachments.bytes,
      fileName: attachments.fileName,
      addedAt: instant(attachments.addedAt),
      authorId: attachments.authorId,
      status: attachments.status,
      reason: attachments.reason,
    },
  },
};

/** The window a pull reads (pull.ts decides it). */
export interface RowWindow {
  /** Cases the device holds: their rows changed after `since`. */
  kept: string[];
  /** Cases new to the device: all their rows. */
  added: string[];
  since: number;
  /** Nothing committed after this version (the cycle's target). */
  target: number;
  /** Within a multi-page pull: the last row delivered, as (version, entity index, id). */
  after: [number, number, string] | null;
  /** Rows per entity at most. */
  limit: number;
  userId: string;
}

/** The window's values, each once and in this order: the statement's parameters $1…$9 (name, type, column). */
const WINDOW = [
  ['kept', 'uuid[]', 'kept'],
  ['added', 'uuid[]', 'added'],
  ['since', 'bigint', 'since'],
  ['target', 'bigint', 'target'],
  ['afterVersion', 'bigint', 'after_version'],
  ['afterEntity', 'int', 'after_entity'],
  ['afterId', 'uuid', 'after_id'],
  ['userId', 'uuid', 'user_id'],
  ['limit', 'int', 'row_limit'],
] as const;
type WindowValues = { [K in (typeof WINDOW)[number][0]]: unknown };
const windowParams = sql`select ${sql.join(
  WINDOW.map(([name, type, column]) => sql`${sql.placeholder(name)}::${sql.raw(type)} as ${sql.raw(column)}`),
  sql`, `,
)}`;
const param = (name: string) => sql.raw(`(select ${name} from w)`);
/** Case ids of the window, as one array value (not as a subquery's rows). */
const ids = (name: 'scope' | 'added') => sql.raw(`(select ${name} from w)::uuid[]`);

/** Before the first row: every (version, entity, id) comes after it. */
const NO_CURSOR = { afterVersion: -1, afterEntity: 0, afterId: '00000000-0000-0000-0000-000000000000' };

/**
 * One entity's rows in the window, ordered by (version, id), at most `limit`. From each case id of
 * the window, step by step (`via`) to the row's parent keys and then to the rows, each step a lateral
 * subquery kept whole (`offset 0`) on one table's key: the plan is an index lookup per case and step
 * whatever the statistics (none yet after a bulk load; never on PGlite, which has no autovacuum) or
 * the organisation's row rule suggest, so the prepared statement's one generic plan is a good one.
 */
function select<E extends SyncEntity>(entity: E, spec: RowSpec<E>): SQL {
  const { id, rowVersion } = spec.table;
  const index = sql.raw(String(SYNC_ENTITIES.indexOf(entity)));
  let from = sql`s.case_id`;
  const steps = (spec.via ?? []).map((step, i) => {
    const name = sql.identifier(`k${i}`);
    const lateral = sql` cross join lateral (select ${step.key} as key from ${step.key.table} where ${step.from} = ${from} offset 0) as ${name}`;
    from = sql`${name}.key`;
    return lateral;
  });
  const joins = (spec.joins ?? []).map(
    (j) => sql` ${sql.raw(j.left ? 'left join' : 'inner join')} ${j.table} on ${j.on}`,
  );
  const data = sql.join(
    Object.entries(spec.fields as Record<string, AnyPgColumn | SQL>).map(
      ([name, source]) => sql`${sql.raw(`'${name}'`)}, ${source}`,
    ),
    sql`, `,
  );
  // The last subquery's rows are the table's rows: named as the table, they read (and order) as its.
  const rows = sql.identifier(getTableName(spec.table));
  return sql`select ${index} as e, ${rows}."id", s.case_id, ${rows}."row_version" as v, ${rows}."data"
    from unnest(${ids('scope')}) as s(case_id)${sql.join(steps)}
    cross join lateral (
      select ${id} as "id", ${rowVersion} as "row_version", json_build_object(${data}) as "data"
      from ${spec.table}${sql.join(joins)}
      where ${spec.caseKey} = ${from}
        and (${rowVersion} > ${param('since')} or s.case_id = any(${ids('added')}))
        and ${rowVersion} <= ${param('target')}
        and (${rowVersion}, ${index}, ${id}) > (${param('after_version')}, ${param('after_entity')}, ${param('after_id')})
        ${spec.where ? sql`and ${spec.where(param('user_id'))}` : sql``}
      offset 0
    ) as ${rows}
    order by ${rows}."row_version", ${rows}."id"
    limit ${param('row_limit')}`;
}

const branches = SYNC_ENTITIES.map((e) => select(e, SPECS[e] as RowSpec<typeof e>));
/** Every entity's rows in one statement: (e, id, case_id, v, data), each entity's part ordered and limited. */
const ROWS = sql`with p as (${windowParams}), w as (select *, kept || added as scope from p) ${sql.join(
  branches.map((b) => sql`(${b})`),
  sql` union all `,
)}`;

/** The statement's text, made once: the same for every pull (and so prepared once per connection). */
const ROWS_QUERY = new PgDialect({ casing: 'snake_case' }).sqlToQuery(ROWS);

type ResultRow = {
  e: number;
  id: string;
  case_id: string;
  v: string | number;
  data: unknown;
};

/** The window's rows, per entity (in SYNC_ENTITIES order). */
export async function readRows(db: Db, w: RowWindow): Promise<PulledRow[][]> {
  const [afterVersion, afterEntity, afterId] = w.after ?? [
    NO_CURSOR.afterVersion,
    NO_CURSOR.afterEntity,
    NO_CURSOR.afterId,
  ];
  const values: WindowValues = {
    kept: w.kept,
    added: w.added,
    since: w.since,
    target: w.target,
    afterVersion,
    afterEntity,
    afterId,
    userId: w.userId,
    limit: w.limit,
  };
  const rows = isPglite(db)
    ? await querySessionFunction<ResultRow>(db, {
        name: 'pull_rows',
        text: ROWS_QUERY.sql,
        parameterTypes: WINDOW.map(([, type]) => type),
        returns: 'e int, id uuid, case_id uuid, v bigint, data json',
        values: WINDOW.map(([name]) => values[name]),
      })
    : (
        (await db._.session.prepareQuery(ROWS_QUERY, undefined, 'pull_rows', false).execute(values)) as {
          rows: ResultRow[];
        }
      ).rows;
  const perEntity: PulledRow[][] = SYNC_ENTITIES.map(() => []);
  for (const r of rows) {
    (perEntity[r.e] as PulledRow[]).push({
      entity: SYNC_ENTITIES[r.e] as SyncEntity,
      id: r.id,
      caseId: r.case_id,
      version: Number(r.v),
      data: r.data,
    } as PulledRow);
  }
  return perEntity;
}
