/**
 * One definition per synced row (shared/schemas/synced-rows.ts): a field renamed there must fail
 * the typecheck on both sides, in the pull's spec on the server and in the phone's code that reads
 * it. The compiler checks the real files, with only the schema's text changed in memory.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCHEMA = resolve(ROOT, 'shared/schemas/synced-rows.ts');
const SERVER = resolve(ROOT, 'server/sync/pull-rows.ts');
const PHONE = resolve(ROOT, 'client/src/read-models/caseload.ts');

/** The type errors in `files` when the schema reads as `edit` makes it. */
function typeErrors(edit: (schema: string) => string, files: string[]): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('tsconfig.json not read');
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  const edited = edit(readFileSync(SCHEMA, 'utf8'));
  host.getSourceFile = (fileName, language, onError, shouldCreate) =>
    resolve(fileName) === SCHEMA
      ? ts.createSourceFile(fileName, edited, language)
      : read(fileName, language, onError, shouldCreate);
  const program = ts.createProgram({ rootNames: files, options: config.options, host });
  return new Map(
    files.map((file) => {
      const source = program.getSourceFile(file);
      if (!source) throw new Error(`${file} not in the program`);
      const errors = ts.getPreEmitDiagnostics(program, source);
      return [file, errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))];
    }),
  );
}

describe('a synced row', () => {
  it('is read by the pull spec and the phone as its schema defines it', () => {
    const errors = typeErrors((schema) => schema, [SERVER, PHONE]);
    expect(errors.get(SERVER)).toEqual([]);
    expect(errors.get(PHONE)).toEqual([]);
  }, 60_000);

  it('fails the typecheck on the server and on the phone when a field is renamed in its schema', () => {
    const rename = (schema: string) => {
      const renamed = schema.replace('firstName: text(80)', 'givenName: text(80)');
      if (renamed === schema) throw new Error('the jeugdige’s firstName is no longer in the schema');
      return renamed;
    };
    const errors = typeErrors(rename, [SERVER, PHONE]);
    // The spec lists every field of the schema, and only those: the old name is extra, the new one missing.
    expect(errors.get(SERVER)?.join('\n')).toMatch(/'firstName' does not exist|'givenName' is missing/);
    // The phone's caseload reads the child's first name.
    expect(errors.get(PHONE)?.join('\n')).toMatch(/Property 'firstName' does not exist/);
  }, 60_000);
});
