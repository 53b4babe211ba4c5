/**
 * What an API error says on screen (client/src/app/api-error.ts): a Dutch
 * sentence for every kind of failure, never the server's raw answer — not the
 * validator's JSON, not its English, not a server's internals.
 */
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiErrorText } from '../../client/src/app/api-error';
import { i18n } from '../../client/src/i18n';

/** An error as the client gets it from our server (server/trpc.ts errorFormatter). */
function serverError(
  code: string,
  message: string,
  issues?: { path: string[]; message: string; code: string }[],
) {
  return TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus: 400, issues } } });
}

const text = (error: unknown) => apiErrorText(error, i18n.t);

// What a one-character search in the Toegangslog used to show.
const RAW_ZOD = JSON.stringify([
  { origin: 'string', code: 'too_small', minimum: 2, inclusive: true, path: ['query'], message: 'x' },
]);

describe('an API error on screen', () => {
  it('shows the schema’s own Dutch message for refused input, never the raw JSON', () => {
    const error = serverError('BAD_REQUEST', RAW_ZOD, [
      {
        path: ['query'],
        code: 'too_small',
        message: 'Typ minstens 2 tekens van de naam, het cliëntnummer of de geboortedatum',
      },
    ]);
    expect(text(error)).toBe('Typ minstens 2 tekens van de naam, het cliëntnummer of de geboortedatum.');
  });

  it('says in Dutch what kind of input was wrong where the schema only has zod’s English', () => {
    const tooBig = serverError('BAD_REQUEST', RAW_ZOD, [
      { path: ['label'], code: 'too_big', message: 'Too big: expected string to have <=100 characters' },
    ]);
    expect(text(tooBig)).toBe('Iets is te lang. Controleer wat u invulde.');
    const uuid = serverError('BAD_REQUEST', RAW_ZOD, [
      { path: ['caseId'], code: 'invalid_format', message: 'Invalid UUID' },
    ]);
    expect(text(uuid)).toBe('Iets heeft niet de juiste vorm. Controleer wat u invulde.');
  });

  it('reads tRPC’s default zodError shape too', () => {
    const error = TRPCClientError.from({
      error: {
        code: -32600,
        message: RAW_ZOD,
        data: { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: { query: ['Te kort'] } } },
      },
    });
    expect(text(error)).toBe('Te kort.');
  });

  it('shows a service’s own Dutch refusal as it is', () => {
    expect(text(serverError('FORBIDDEN', 'U heeft geen toegang tot dit dossier'))).toBe(
      'U heeft geen toegang tot dit dossier',
    );
    expect(text(serverError('CONFLICT', 'Deze productcode staat al bij een andere aanbieder'))).toBe(
      'Deze productcode staat al bij een andere aanbieder',
    );
  });

  it('gives a plain Dutch sentence per code where the server’s message is not written for the user', () => {
    expect(text(serverError('BAD_REQUEST', RAW_ZOD))).toBe(
      'Controleer de gegevens: iets klopt niet of ontbreekt.',
    );
    expect(text(serverError('NOT_FOUND', 'No procedure found on path "x.y"'))).toBe(
      'Dit bestaat niet (meer). Laad de pagina opnieuw.',
    );
    expect(text(serverError('FORBIDDEN', ''))).toBe('U heeft hier geen toegang toe.');
    expect(text(serverError('TOO_MANY_REQUESTS', 'Too many requests'))).toBe(
      'Te veel pogingen kort na elkaar. Wacht even en probeer het dan opnieuw.',
    );
    expect(text(serverError('UNAUTHORIZED', 'UNAUTHORIZED'))).toBe('Uw sessie is verlopen. Log opnieuw in.');
    expect(text(serverError('INTERNAL_SERVER_ERROR', 'relation "cases" does not exist'))).toBe(
      'Er ging iets mis. Probeer het opnieuw.',
    );
    expect(text(serverError('SERVICE_UNAVAILABLE', 'De database is even niet bereikbaar'))).toBe(
      'De server is even niet bereikbaar. Probeer het zo opnieuw.',
    );
  });

  it('calls anything that never reached the server a lost connection', () => {
    expect(text(new TypeError('Failed to fetch'))).toBe(
      'Geen verbinding met de server. Controleer uw internetverbinding.',
    );
  });
});
