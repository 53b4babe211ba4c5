/**
 * Signed checkpoints of the access log's chains, kept outside the database.
 * The chain (migration 0011) shows an entry altered, removed or inserted
 * within it, but not a cut tail or a chain rewritten from some point on with
 * fresh hashes: whoever owns the table can do either unseen. So at intervals
 * (AUDIT_CHECKPOINT_MINUTES) and at shutdown, each organisation's chain head
 * (position and hash) is signed with an Ed25519 key the database does not
 * hold, and appended as one line to `<AUDIT_CHECKPOINT_DIR>/<organisation>.jsonl`.
 * `npm run audit:verify` compares the chain with every checkpoint and names:
 *  - afgekapt:  a signed position is no longer in the chain (its tail was cut);
 *  - herschreven: the entry at a signed position has another hash now;
 *  - handtekening-ongeldig: a checkpoint's signature does not hold (a forged
 *    or altered checkpoint);
 *  - onleesbaar: a line of a checkpoint file is not a checkpoint.
 *
 * The key (signing-key.ts): AUDIT_SIGNING_KEY, else the file
 * audit-signing-key.pem beside the checkpoint folder, made at the first start.
 * Verifying needs only its public half, derived from it.
 *
 * This module only reads each chain's head (access_log_head, migration 0019):
 * how entries are sealed into the chain is none of its business.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { withOrganisation } from '../db/organisation-scope';
import { accessLog, accessLogRetention, organisations } from '../db/schema';
import { sealAccessLog } from './sealer';

export interface Checkpoint {
  v: 1;
  organisationId: string;
  seq: number;
  headHash: string;
  /** When the head was signed (ISO). */
  at: string;
  /** Ed25519 over signedText(), base64. */
  signature: string;
}

/** What is signed: every field of the checkpoint, in a fixed order. */
function signedText(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(`jb-toegangslog-checkpoint|v${c.v}|${c.organisationId}|${c.seq}|${c.headHash}|${c.at}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fileOf = (dir: string, organisationId: string) => join(dir, `${organisationId}.jsonl`);

/** The last checkpoint line of a file, read from its end (the file grows for years). */
async function lastCheckpoint(file: string): Promise<Checkpoint | null> {
  if (!existsSync(file)) return null;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter(Boolean);
    const parsed = parseLine(lines.at(-1) ?? '');
    return 'checkpoint' in parsed ? parsed.checkpoint : null;
  } finally {
    await handle.close();
  }
}

export interface CheckpointRun {
  written: Checkpoint[];
  /** Chains whose head went back or changed since their last checkpoint: not signed again. */
  suspicious: { organisationId: string; seq: number; lastSeq: number }[];
}

/**
 * Signs each organisation's chain head that moved since its last checkpoint.
 * A head that went back (a cut tail) or changed at the same position (a
 * rewrite) is not signed over: the checkpoint before it keeps the evidence.
 */
export async function writeCheckpoints(
  db: Db,
  dir: string,
  key: KeyObject,
  now: Date,
): Promise<CheckpointRun> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // A checkpoint covers every entry appended until now: seal what waits first (sealer.ts).
  await sealAccessLog(db);
  const orgs = await db.select({ id: organisations.id }).from(organisations);
  const run: CheckpointRun = { written: [], suspicious: [] };
  for (const { id: organisationId } of orgs) {
    const head = await withOrganisation(db, organisationId, async (tx) => {
      const result = await tx.execute(sql`select seq, hash from access_log_head(${organisationId}::uuid)`);
      const row = (result as unknown as { rows: { seq: string | number; hash: string }[] }).rows[0];
      return row ? { seq: Number(row.seq), hash: row.hash } : null;
    });
    if (!head) continue;
    const file = fileOf(dir, organisationId);
    const last = await lastCheckpoint(file);
    if (last && (head.seq < last.seq || (head.seq === last.seq && head.hash !== last.headHash))) {
      run.suspicious.push({ organisationId, seq: head.seq, lastSeq: last.seq });
      continue;
    }
    if (last && head.seq === last.seq) continue;
    const unsigned = {
      v: 1 as const,
      organisationId,
      seq: head.seq,
      headHash: head.hash,
      at: now.toISOString(),
    };
    const checkpoint: Checkpoint = {
      ...unsigned,
      signature: sign(null, signedText(unsigned), key).toString('base64'),
    };
    await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
    run.written.push(checkpoint);
  }
  return run;
}

function parseLine(line: string): { checkpoint: Checkpoint } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'geen JSON' };
  }
  const c = value as Partial<Checkpoint> | null;
  const ok =
    c !== null &&
    typeof c === 'object' &&
    c.v === 1 &&
    typeof c.organisationId === 'string' &&
    UUID.test(c.organisationId) &&
    Number.isSafeInteger(c.seq) &&
    (c.seq ?? 0) > 0 &&
    typeof c.headHash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.signature === 'string';
  return ok ? { checkpoint: c as Checkpoint } : { error: 'geen checkpoint' };
}

export type CheckpointProblem =
  | { kind: 'onleesbaar'; file: string; line: number; reason: string }
  | { kind: 'handtekening-ongeldig'; file: string; line: number; organisationId: string; seq: number }
  | {
      kind: 'afgekapt';
      organisationId: string;
      headSeq: number;
      checkpoint: Pick<Checkpoint, 'seq' | 'headHash' | 'at'>;
    }
  | {
      kind: 'herschreven';
      organisationId: string;
      seq: number;
      hashNow: string;
      checkpoint: Pick<Checkpoint, 'seq' | 'headHash' | 'at'>;
      /** Checkpoints that no longer match, this one the earliest. */
      mismatches: number;
    };

export interface CheckpointReport {
  ok: boolean;
  files: number;
  checkpoints: number;
  /** Per organisation: its newest valid checkpoint. */
  latest: Checkpoint[];
  problems: CheckpointProblem[];
}

/** Reads every checkpoint file in `dir` and checks each line's signature and the chain against it. */
export async function verifyCheckpoints(
  db: Db,
  dir: string,
  publicKey: KeyObject,
): Promise<CheckpointReport> {
  const report: CheckpointReport = { ok: true, files: 0, checkpoints: 0, latest: [], problems: [] };
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort() : [];
  for (const name of names) {
    report.files += 1;
    const file = join(dir, name);
    const valid: Checkpoint[] = [];
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = parseLine(line);
      if ('error' in parsed) {
        report.problems.push({ kind: 'onleesbaar', file, line: i + 1, reason: parsed.error });
        return;
      }
      const c = parsed.checkpoint;
      report.checkpoints += 1;
      const { signature, ...unsigned } = c;
      const holds =
        `${c.organisationId}.jsonl` === name &&
        verify(null, signedText(unsigned), publicKey, Buffer.from(signature, 'base64'));
      if (!holds) {
        report.problems.push({
          kind: 'handtekening-ongeldig',
          file,
          line: i + 1,
          organisationId: c.organisationId,
          seq: c.seq,
        });
      } else {
        valid.push(c);
      }
    });
    if (valid.length) await compareWithChain(db, valid, report);
  }
  report.ok = report.problems.length === 0;
  return report;
}

const CHUNK = 1000;

/** One organisation's valid checkpoints against its chain in the database. */
async function compareWithChain(db: Db, checkpoints: Checkpoint[], report: CheckpointReport) {
  const organisationId = checkpoints[0]?.organisationId as string;
  const bySeq = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const newest = bySeq.at(-1) as Checkpoint;
  report.latest.push(newest);
  const [head] = await db
    .select({ seq: max(accessLog.seq) })
    .from(accessLog)
    .where(eq(accessLog.organisationId, organisationId));
  // Positions dropped with their month after the retention term (migration 0021) are no cut tail:
  // the record of the drop keeps the hash of each run's last position, which a checkpoint can match.
  const dropped = (
    await db
      .select({ ranges: accessLogRetention.ranges })
      .from(accessLogRetention)
      .where(eq(accessLogRetention.organisationId, organisationId))
  ).flatMap((r) => r.ranges);
  const droppedAt = (seq: number) => dropped.find((x) => x.from <= seq && seq <= x.to);
  const headSeq = Math.max(Number(head?.seq ?? 0), ...dropped.map((x) => x.to));
  if (newest.seq > headSeq) {
    report.problems.push({
      kind: 'afgekapt',
      organisationId,
      headSeq,
      checkpoint: { seq: newest.seq, headHash: newest.headHash, at: newest.at },
    });
  }
  const within = bySeq.filter((c) => c.seq <= headSeq);
  const hashes = new Map<number, string>();
  for (const x of dropped) hashes.set(x.to, x.hash);
  for (let i = 0; i < within.length; i += CHUNK) {
    const seqs = within.slice(i, i + CHUNK).map((c) => c.seq);
    const rows = await db
      .select({ seq: accessLog.seq, hash: accessLog.hash })
      .from(accessLog)
      .where(and(eq(accessLog.organisationId, organisationId), inArray(accessLog.seq, seqs)));
    for (const row of rows) if (row.seq !== null && row.hash !== null) hashes.set(row.seq, row.hash);
  }
  // A signed position dropped in the middle of a run cannot be compared any more; the run's ends can.
  const mismatched = within.filter(
    (c) => hashes.get(c.seq) !== c.headHash && !(droppedAt(c.seq) && droppedAt(c.seq)?.to !== c.seq),
  );
  const first = mismatched[0];
  if (first) {
    report.problems.push({
      kind: 'herschreven',
      organisationId,
      seq: first.seq,
      hashNow: hashes.get(first.seq) ?? '(ontbreekt)',
      checkpoint: { seq: first.seq, headHash: first.headHash, at: first.at },
      mismatches: mismatched.length,
    });
  }
}

/** A Dutch, one-line description for the command line. */
export function describeCheckpointProblem(p: CheckpointProblem): string {
  switch (p.kind) {
    case 'onleesbaar':
      return `checkpoint ${p.file} regel ${p.line}: onleesbaar (${p.reason})`;
    case 'handtekening-ongeldig':
      return `checkpoint ${p.file} regel ${p.line} (keten ${p.organisationId}, positie ${p.seq}): handtekening ongeldig: vervalst of gewijzigd`;
    case 'afgekapt':
      return `keten ${p.organisationId}: afgekapt: de checkpoint van ${p.checkpoint.at} tekende positie ${p.checkpoint.seq}, de keten eindigt nu bij positie ${p.headSeq}: ${p.checkpoint.seq - p.headSeq} of meer items aan het eind zijn verwijderd`;
    case 'herschreven':
      return `keten ${p.organisationId}: herschreven: positie ${p.seq} heeft nu hash ${p.hashNow}, de checkpoint van ${p.checkpoint.at} tekende ${p.checkpoint.headHash}${p.mismatches > 1 ? ` (${p.mismatches} checkpoints kloppen niet meer)` : ''}`;
  }
}

/**
 * The server's checkpointing: a first run now, one every
 * AUDIT_CHECKPOINT_MINUTES, and a last one at `stop()` (shutdown). A run that
 * fails (database away) is reported and tried again at the next interval.
 */
export function startCheckpoints(
  db: Db,
  config: Pick<Config, 'AUDIT_CHECKPOINT_DIR' | 'AUDIT_CHECKPOINT_MINUTES'>,
  key: KeyObject,
  log: { info(msg: string): void; error(msg: string): void },
): { stop(): Promise<void>; run(): Promise<void> } {
  const dir = resolve(config.AUDIT_CHECKPOINT_DIR);
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const result = await writeCheckpoints(db, dir, key, new Date());
        for (const s of result.suspicious) {
          log.error(
            `Toegangslog van organisatie ${s.organisationId}: de keten staat op positie ${s.seq} maar de laatste checkpoint op ${s.lastSeq}, of de kop is veranderd; niet opnieuw getekend. Draai npm run audit:verify.`,
          );
        }
      } catch (err) {
        log.error(`Checkpoint van het toegangslog mislukt: ${(err as Error).message}`);
      }
    });
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), config.AUDIT_CHECKPOINT_MINUTES * 60_000);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await run();
    },
  };
}
