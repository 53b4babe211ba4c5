/**
 * What the access log says happened (shared/rules/access-log-words.ts): every
 * procedure the server writes into the log has Dutch words of its own, and
 * any other gets a Dutch description, never its raw name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAccess, hasOwnWords } from '../../shared/rules/access-log-words';
import { MUTATION_NAMES } from '../../shared/schemas/mutations';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every 'area.name' string the server's code names, in the areas that write to the log. */
function loggedProcedures(): string[] {
  const areas =
    'accessLog|audit|cases|devices|documents|intake|measures|normsDashboard|session|sync|team|toestel|verwijzingen|waitingList';
  const found = new Set<string>();
  for (const file of sources('server')) {
    for (const m of readFileSync(file, 'utf8').matchAll(new RegExp(`'((?:${areas})\\.[a-zA-Z]+)'`, 'g'))) {
      if (m[1]) found.add(m[1]);
    }
  }
  for (const name of MUTATION_NAMES) found.add(`sync.${name}`);
  return [...found].sort();
}

describe('what an access-log entry says happened', () => {
  it('has Dutch words for every procedure the server logs', () => {
    const procedures = loggedProcedures();
    expect(procedures).toContain('toestel.dossier');
    expect(procedures.filter((p) => !hasOwnWords(p))).toEqual([]);
  });

  it('says what happened on the phone in plain Dutch', () => {
    expect(describeAccess('toestel.dossier', 'read')).toBe('Dossier geopend op telefoon');
    expect(describeAccess('sync.pull', 'read')).toBe('Gesynchroniseerd naar telefoon');
  });

  it('describes an unknown procedure by its kind of access and part of the app, never by its name', () => {
    expect(describeAccess('verwijzingen.somethingNew', 'read')).toBe('Dossier ingezien (verwijsbalie)');
    expect(describeAccess('nieuw.ding', 'update')).toBe('Gegevens gewijzigd');
    expect(describeAccess('x.y', 'vreemd')).toBe('Toegang');
  });
});
