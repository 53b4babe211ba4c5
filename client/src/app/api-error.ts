/**
 * The one way an API error becomes text on a screen: a Dutch sentence, never
 * the raw answer. The server's own refusals (an illegal step, no access to a
 * file) are written for the user and shown as they are; input the schema
 * refused shows the schema's own Dutch message (data.issues, server/trpc.ts),
 * or, where the schema has none, a sentence by the kind of problem; every
 * other failure a plain sentence by its code. Nothing that looks like JSON,
 * a validator's English or a server's internals ever reaches the screen.
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { addTexts } from '../i18n';

/** Only the online screens show API errors: these texts travel with this module, not the field path. */
export const apiErrorTexts = {
  apiErrors: {
    tooMany: 'Te veel pogingen kort na elkaar. Wacht even en probeer het dan opnieuw.',
    tooLarge: 'Dat is te veel in één keer. Maak het kleiner en probeer het opnieuw.',
    unavailable: 'De server is even niet bereikbaar. Probeer het zo opnieuw.',
    noAccess: 'U heeft hier geen toegang toe.',
    gone: 'Dit bestaat niet (meer). Laad de pagina opnieuw.',
    conflict: 'Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.',
    tooSmall: 'Iets is te kort of ontbreekt. Controleer wat u invulde.',
    tooBig: 'Iets is te lang. Controleer wat u invulde.',
    format: 'Iets heeft niet de juiste vorm. Controleer wat u invulde.',
    input: 'Controleer de gegevens: iets klopt niet of ontbreekt.',
  },
} as const;

addTexts(apiErrorTexts);

interface Issue {
  message?: unknown;
  code?: unknown;
}

/** Zod's and tRPC's own (English) wording: not written for a jeugdbeschermer. */
const MACHINE_WORDING =
  /^\s*[[{]|^(Invalid|Too (small|big)|Unrecognized|Expected|Required|Input validation|No procedure|Internal|Unexpected|Failed|Interne fout)\b/i;

/** A message a person wrote for the user: short, not JSON, not a validator's or framework's English. */
function isWrittenForUser(message: unknown): message is string {
  return (
    typeof message === 'string' &&
    message.trim() !== '' &&
    message.length <= 400 &&
    !MACHINE_WORDING.test(message)
  );
}

function issueText(issue: Issue, t: TFunction): string {
  if (isWrittenForUser(issue.message)) return issue.message.trim().replace(/([^.!?])$/, '$1.');
  switch (issue.code) {
    case 'too_small':
      return t('apiErrors.tooSmall');
    case 'too_big':
      return t('apiErrors.tooBig');
    case 'invalid_format':
    case 'invalid_string':
      return t('apiErrors.format');
    default:
      return t('apiErrors.input');
  }
}

/** The zod issues the server sent with a refusal of input (data.issues; tRPC's default data.zodError too). */
function issuesOf(error: TRPCClientError<never>): Issue[] {
  const data = error.data as
    | { issues?: Issue[]; zodError?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } }
    | undefined;
  if (data?.issues?.length) return data.issues;
  const zod = data?.zodError;
  if (!zod) return [];
  return [...(zod.formErrors ?? []), ...Object.values(zod.fieldErrors ?? {}).flat()].map((message) => ({
    message,
  }));
}

/** What went wrong, in Dutch, for any error a tRPC call threw (or a network failure). */
export function apiErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof TRPCClientError)) return t('errors.network');
  const code = (error.data as { code?: string } | undefined)?.code;
  if (!code) return t('errors.network');
  const issues = issuesOf(error);
  if (issues.length) return [...new Set(issues.slice(0, 3).map((i) => issueText(i, t)))].join(' ');
  switch (code) {
    case 'UNAUTHORIZED':
      return t('errors.sessionExpired');
    case 'TOO_MANY_REQUESTS':
      return t('apiErrors.tooMany');
    case 'PAYLOAD_TOO_LARGE':
      return t('apiErrors.tooLarge');
    case 'SERVICE_UNAVAILABLE':
    case 'TIMEOUT':
    case 'GATEWAY_TIMEOUT':
    case 'BAD_GATEWAY':
      return t('apiErrors.unavailable');
    case 'BAD_REQUEST':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'PRECONDITION_FAILED':
    case 'UNPROCESSABLE_CONTENT':
      // The services' refusals are written in Dutch for the user.
      if (isWrittenForUser(error.message)) return error.message;
      return t(
        code === 'FORBIDDEN'
          ? 'apiErrors.noAccess'
          : code === 'NOT_FOUND'
            ? 'apiErrors.gone'
            : code === 'CONFLICT'
              ? 'apiErrors.conflict'
              : 'apiErrors.input',
      );
    default:
      return t('errors.generic');
  }
}
