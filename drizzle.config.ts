import { defineConfig } from 'drizzle-kit';

// Only used to generate migration SQL from server/db/schema.ts (`npm run db:generate`);
// the server applies the files itself (server/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
  casing: 'snake_case',
});
