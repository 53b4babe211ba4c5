/**
 * Browser commands for the bijlagen uploader's tests (attachment-upload.browser.test.ts): a real
 * listening server (the real app on a real PGlite with the test fixture) that the page reaches over
 * HTTP through the test server's proxy (vitest.config.ts: `/_bijlagen-test` → this server, same
 * origin for the browser, as the app's own server is for the phone).
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { BrowserCommand } from 'vitest/node';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { attachmentChunks, attachmentContents, attachments } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';

/** Where the proxy finds the server (a port of its own: several checkouts test side by side). */
export const ATTACHMENT_TEST_PORT = Number(process.env.ATTACHMENT_TEST_PORT ?? 4500);
export const ATTACHMENT_TEST_PREFIX = '/_bijlagen-test';

let database: TestDatabase | null = null;
let app: FastifyInstance | null = null;

const startAttachmentServer: BrowserCommand<[]> = async () => {
  await app?.close();
  await database?.dispose();
  database = await createTestDatabase();
  const fixture = await buildFixture(database.db);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }), database });
  await app.listen({ port: ATTACHMENT_TEST_PORT, host: '127.0.0.1' });
  return {
    password: FIXTURE_PASSWORD,
    worker1: fixture.users.worker1.username,
    caseId: fixture.cases.ofWorker1,
  };
};

const stopAttachmentServer: BrowserCommand<[]> = async () => {
  await app?.close();
  await database?.dispose();
  app = null;
  database = null;
  return true;
};

/** What the server holds of an attachment: its status, its chunks waiting, the SHA-256 of its joined bytes. */
const attachmentOnServer: BrowserCommand<[id: string]> = async (_ctx, id) => {
  if (!database) throw new Error('start the attachment server first');
  const [row] = await database.db
    .select({ status: attachments.status })
    .from(attachments)
    .where(eq(attachments.id, id));
  const chunks = await database.db
    .select({ index: attachmentChunks.index })
    .from(attachmentChunks)
    .where(eq(attachmentChunks.attachmentId, id));
  const [content] = await database.db
    .select({ content: attachmentContents.content })
    .from(attachmentContents)
    .where(eq(attachmentContents.attachmentId, id));
  return {
    status: row?.status ?? null,
    chunks: chunks.map((c) => c.index).sort((a, b) => a - b),
    sha256: content ? createHash('sha256').update(content.content).digest('hex') : null,
  };
};

export const attachmentCommands = { startAttachmentServer, stopAttachmentServer, attachmentOnServer };

declare module 'vitest/browser' {
  interface BrowserCommands {
    startAttachmentServer: () => Promise<{
      password: string;
      worker1: string;
      caseId: Fixture['cases']['ofWorker1'];
    }>;
    stopAttachmentServer: () => Promise<boolean>;
    attachmentOnServer: (
      id: string,
    ) => Promise<{ status: string | null; chunks: number[]; sha256: string | null }>;
  }
}
