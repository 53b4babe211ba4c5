/**
 * The documents the server writes (issue 21), for the demo on a fixed day (so the pages are the same
 * on every run): the extension request's draft (DOCX), the family's and the child's copy of the
 * koers and the letter introducing a new jeugdbeschermer (PDF).
 *
 *  - document-<kind>-ms: the server's time to write one (through the tRPC caller, database and
 *    access log included), median of RUNS, at full CPU, with the spread in the conditions.
 *  - The pages as PNG in docs/screenshots/document-<kind>-<page>.png: PDFs by pdftoppm; the DOCX
 *    first to PDF by LibreOffice headless (Debian's libreoffice-writer-nogui and poppler-utils, here
 *    in the bench only, never in the product). Without those tools the figures still come, and the
 *    conditions say the pages were not drawn.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDemoData, writeSeed } from '../../server/seed/demo';
import type { DocumentFile } from '../../shared/schemas/documents';
import { createTestDatabase } from '../helpers/db';
import { extensionsDueThisWeek } from '../helpers/demo-extension';
import type { FixtureUser } from '../helpers/fixture';
import { callerFor } from '../helpers/server';
import type { BenchResult } from './run';

/** The day the demo is built for: a Tuesday, so the pages do not change with the calendar. */
const DAY = '2026-12-08';
const NOW = new Date(`${DAY}T10:00:00+01:00`);
const RUNS = 7;
const SHOTS = resolve('docs/screenshots');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Draws a PDF's pages as PNG (pdftoppm, 60 dpi: a page of A4 is about 500 px wide). */
function drawPages(pdfPath: string, kind: string): number {
  for (const old of readdirSync(SHOTS).filter((f) => f.startsWith(`document-${kind}-`)))
    rmSync(join(SHOTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(SHOTS, `document-${kind}`)]);
  return readdirSync(SHOTS).filter((f) => f.startsWith(`document-${kind}-`)).length;
}

export async function measureDocuments(): Promise<BenchResult[]> {
  const database = await createTestDatabase();
  try {
    const data = buildDemoData(DAY);
    await writeSeed(database.db, data, 'bench-documents');
    const userOf = (id: unknown): FixtureUser => {
      const u = data.users.find((x) => x.id === id);
      if (!u) throw new Error(`no demo user ${String(id)}`);
      return {
        id: u.id as string,
        username: u.username,
        role: u.role,
        organisationId: u.organisationId,
        teamId: u.teamId ?? null,
        displayName: u.displayName,
      };
    };
    const carrierOf = (caseId: unknown) =>
      data.caseAssignments.filter((a) => a.caseId === caseId && !a.untilDate).at(-1)?.userId;
    const active = data.cases.filter((c) => c.status === 'actief');
    const age = (caseId: unknown) => {
      const child = data.jeugdigen.find((j) => j.id === active.find((c) => c.id === caseId)?.jeugdigeId);
      return child ? Number(DAY.slice(0, 4)) - Number(String(child.birthDate).slice(0, 4)) : 0;
    };

    // The extension request: the demo's case due this week. The koers copies: a case with a
    // vastgestelde koers and a child of 13 or more. The letter: a case that changed hands.
    const [due] = extensionsDueThisWeek(data, DAY);
    const koersCase = active.find(
      (c) => data.koersen.some((k) => k.caseId === c.id && k.status === 'vastgesteld') && age(c.id) >= 13,
    );
    const moved = active.find((c) => data.caseAssignments.filter((a) => a.caseId === c.id).length >= 2);
    if (!due || !koersCase || !moved) throw new Error('the demo lacks a case for one of the documents');
    const admin = data.users.find((u) => u.role === 'beheerder');
    // The child's own copy is offered when the organisation enables it.
    await callerFor(database, userOf(admin?.id), { now: NOW }).documents.saveSettings({
      childCopyFrom12: true,
      secondReader: 'geen',
    });

    const asCarrier = (caseId: unknown) => callerFor(database, userOf(carrierOf(caseId)), { now: NOW });
    const kinds: [kind: string, label: string, make: () => Promise<DocumentFile>][] = [
      [
        'verzoek-verlenging',
        'Verzoek tot verlenging (DOCX)',
        () => asCarrier(due.caseId).documents.extensionRequest({ caseId: due.caseId as string }),
      ],
      [
        'koers-gezin',
        'Koers, kopie voor het gezin (PDF)',
        () => asCarrier(koersCase.id).documents.koersCopy({ caseId: koersCase.id as string, for: 'gezin' }),
      ],
      [
        'koers-jeugdige',
        'Koers, eigen kopie voor de jeugdige (PDF)',
        () =>
          asCarrier(koersCase.id).documents.koersCopy({ caseId: koersCase.id as string, for: 'jeugdige' }),
      ],
      [
        'brief-nieuwe-jeugdbeschermer',
        'Brief aan het gezin over de nieuwe jeugdbeschermer (PDF)',
        () =>
          asCarrier(moved.id).documents.handoverLetter({
            caseId: moved.id as string,
            phone: '010 123 45 67',
            email: 'jeugdbeschermer@gi.example',
          }),
      ],
    ];

    const canDraw = hasTool('pdftoppm') && hasTool('soffice');
    const work = mkdtempSync(join(tmpdir(), 'bench-documents-'));
    mkdirSync(SHOTS, { recursive: true });
    const results: BenchResult[] = [];
    for (const [kind, label, make] of kinds) {
      await make(); // warm-up: templates compiled, fonts loaded
      const times: number[] = [];
      let last: DocumentFile | null = null;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        last = await make();
        times.push(performance.now() - t0);
      }
      let pages = 0;
      if (canDraw && last) {
        const bytes = Buffer.from(last.base64, 'base64');
        const file = join(work, last.filename);
        writeFileSync(file, bytes);
        let pdf = file;
        if (last.filename.endsWith('.docx')) {
          execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, file], {
            stdio: 'ignore',
            env: { ...process.env, HOME: work },
          });
          pdf = file.replace(/\.docx$/, '.pdf');
        }
        const named = join(work, `${kind}.pdf`);
        renameSync(pdf, named);
        pages = drawPages(named, kind);
      }
      const sorted = [...times].sort((a, b) => a - b);
      results.push({
        id: `document-${kind}-ms`,
        label: `${label}: maken op de server`,
        value: Math.round(median(times)),
        unit: 'ms',
        budget: 1000,
        better: 'lower',
        conditions: `mediaan van ${RUNS} (${Math.round(sorted[0] ?? 0)}–${Math.round(sorted.at(-1) ?? 0)} ms), demo van ${DAY}, PGlite; ${
          canDraw
            ? `${pages} pagina('s) als PNG in docs/screenshots/document-${kind}-*.png`
            : "pagina's niet getekend: pdftoppm of soffice ontbreekt (apt-get install libreoffice-writer-nogui poppler-utils)"
        }`,
      });
    }
    rmSync(work, { recursive: true, force: true });
    return results;
  } finally {
    await database.dispose();
  }
}
