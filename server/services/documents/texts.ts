/**
 * The documents' Dutch words: names of measures, contacts, help states and norms, and dates
 * written out ("3 maart 2027"). Family documents are written at B1 level: short sentences,
 * everyday words, "u" for the parents and "je" for the child.
 */
import type { NormKey } from '../../../shared/rules/norms';
import { VERWIJZING_STATUS_NAMES } from '../../../shared/schemas/verwijzing';

export const MAATREGEL_NAMES: Record<string, string> = {
  ots: 'ondertoezichtstelling (OTS)',
  vots: 'voorlopige ondertoezichtstelling',
  voogdij: 'voogdij',
  jeugdreclassering: 'jeugdreclassering',
};

/** The measure in plain words, for a family letter. */
export const MAATREGEL_PLAIN: Record<string, string> = {
  ots: 'de ondertoezichtstelling',
  vots: 'de voorlopige ondertoezichtstelling',
  voogdij: 'de voogdij',
  jeugdreclassering: 'de jeugdreclassering',
};

export const CONTACT_NAMES: Record<string, string> = {
  huisbezoek: 'huisbezoek',
  telefonisch: 'telefonisch contact',
  kind_alleen: 'gesprek met de jeugdige alleen',
  netwerkberaad: 'netwerkberaad',
  ketenoverleg: 'ketenoverleg',
  school: 'contact met school',
  videogesprek: 'videogesprek',
  overig: 'ander contact',
};

export const HELP_STATE_NAMES: Record<string, string> = VERWIJZING_STATUS_NAMES;

export const NORM_NAMES: Record<NormKey, string> = {
  vasteJeugdbeschermer: 'Tijdig een vaste jeugdbeschermer',
  koers: 'Tijdig een gedragen koers',
  passendeHulp: 'Tijdig passende hulp',
};

export const ESCALATION_NAMES: Record<string, string> = {
  geen: '',
  expertteam: 'Opgeschaald naar het regionale expertteam.',
  ozj: 'Opgeschaald naar het Ondersteuningsteam Zorg voor de Jeugd.',
};

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2027-03-03" → "3 maart 2027"; an ISO moment counts by its Dutch day. */
export function dutchDate(value: string | null | undefined): string {
  if (!value) return '';
  const day =
    value.length > 10 ? new Date(value).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }) : value;
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** What a document says where a role may not see a part (need-to-know). */
export const NOT_FOR_ROLE = '(niet zichtbaar voor uw rol: de jeugdbeschermer vult dit aan)';
/** An empty field the worker fills in the word processor. */
export const TO_FILL = '[Nog invullen door de jeugdbeschermer]';

/** Dutch words for the access log (shared/rules/access-log-words.ts has the same). */
export const DOCUMENT_PROCEDURES = {
  koersCopy: 'documents.koersCopy',
  extensionRequest: 'documents.extensionRequest',
  extensionRequests: 'documents.extensionRequests',
  approveExtension: 'documents.approveExtension',
  handoverLetter: 'documents.handoverLetter',
} as const;
