/**
 * The extension request (verzoek tot verlenging) as a draft DOCX: the facts the app knows,
 * filled into the organisation's template (or the default one), so the worker corrects a draft
 * instead of starting from a blank page. The family's view, the child's view and the worker's
 * assessment are left as fields to fill in. Only what the user's role may see is used
 * (case-facts.ts): for a team lead the koers content and contact reports are absent, and the
 * draft says so where they would be.
 */

import { ageOn } from '../../../shared/rules/dates';
import { extensionAlert } from '../../../shared/rules/extension';
import { NORM_KEYS } from '../../../shared/rules/norms';
import type { KoersContent, KoersGoal } from '../../../shared/schemas/koers';
import type { CaseFacts } from './case-facts';
import type { ExtensionData } from './docx-template';
import {
  CONTACT_NAMES,
  dutchDate,
  ESCALATION_NAMES,
  HELP_STATE_NAMES,
  MAATREGEL_NAMES,
  NORM_NAMES,
  NOT_FOR_ROLE,
  TO_FILL,
} from './texts';

export interface Approval {
  name: string;
  role: string;
  at: Date;
}

/** The measure an extension is asked for: the running one with the latest ruling, else the latest. */
export function currentMeasure(facts: CaseFacts) {
  return facts.measures.find((m) => m.status === 'lopend') ?? facts.measures[0] ?? null;
}

const REPORT_CHARS = 400;
const shorten = (s: string) => (s.length > REPORT_CHARS ? `${s.slice(0, REPORT_CHARS - 1)}…` : s);

export function extensionData(
  facts: CaseFacts,
  opts: { secondReader: 'geen' | 'teamleider'; approval: Approval | null },
): ExtensionData {
  const measure = currentMeasure(facts);
  const child = facts.jeugdige;
  const orders = facts.beschikkingen.filter((b) => measure && b.maatregelId === measure.id);
  const extensions = facts.beschikkingen.filter((b) => b.kind === 'verlenging');
  // The period this request looks back on: since the last ruling or extension of the measure.
  const periodFrom =
    [measure?.rulingDate, ...orders.map((b) => b.date)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? null;

  const koersVisible = facts.visible.koers;
  const agreed = facts.koersen.filter((k) => k.status === 'vastgesteld');
  const koers = agreed.at(-1) ?? facts.koersen.at(-1) ?? null;
  const content: Partial<KoersContent> = koers?.content ?? {};
  const goals: KoersGoal[] = content.doelen ?? [];
  const firstSeen = (goalId: string) =>
    facts.koersen.find((k) => k.content?.doelen?.some((g) => g.id === goalId));

  const contactsInPeriod = facts.contacts.filter(
    (c) => !periodFrom || (c.occurredAt ?? '').slice(0, 10) >= periodFrom,
  );
  const alert =
    measure?.endDate && measure.status
      ? extensionAlert({ status: measure.status, endDate: measure.endDate }, facts.today)
      : null;

  const status =
    opts.secondReader === 'geen'
      ? 'Concept: te controleren en aan te vullen door de jeugdbeschermer'
      : opts.approval
        ? 'Goedgekeurd door de tweede lezer'
        : 'CONCEPT: nog niet goedgekeurd door de tweede lezer';
  const goedkeuring = opts.approval
    ? `Goedgekeurd door ${opts.approval.name} (${opts.approval.role}) op ${dutchDate(opts.approval.at.toISOString())}.`
    : opts.secondReader === 'geen'
      ? ''
      : 'De organisatie vraagt een tweede lezer (teamleider) om dit verzoek goed te keuren voordat het definitief is.';

  return {
    status,
    goedkeuring,
    jeugdige_naam: [child.firstName, child.lastName].filter(Boolean).join(' '),
    geboortedatum: dutchDate(child.birthDate),
    leeftijd: child.birthDate ? String(ageOn(child.birthDate, facts.today)) : '',
    gemeente: child.gemeente ?? '',
    gezin_naam: facts.gezin.name ?? '',
    gezagsdragers:
      facts.network
        .filter((p) => p.hasCustody)
        .map((p) => `${p.name ?? ''} (${p.relation ?? ''})`)
        .join(', ') || 'onbekend',
    maatregel_type: measure?.type ? (MAATREGEL_NAMES[measure.type] ?? measure.type) : 'maatregel',
    zaaknummer: measure?.zaaknummer ?? '',
    rechtbank: measure?.court ?? '',
    uitspraakdatum: dutchDate(measure?.rulingDate),
    einddatum: dutchDate(measure?.endDate),
    verzoek_uiterlijk: alert ? dutchDate(alert.requestBy) : '',
    uithuisplaatsing: measure?.outOfHomePlacement ? 'ja' : 'nee',
    verlengingen: extensions.map((b) => ({
      datum: dutchDate(b.date),
      kenmerk: b.reference ?? '',
      tot: dutchDate(b.validUntil),
    })),
    geen_verlengingen: extensions.length ? '' : 'Geen: dit is het eerste verzoek tot verlenging.',
    bedreigingen: koersVisible
      ? (content.ontwikkelingsbedreigingen ?? []).map((tekst) => ({ tekst }))
      : [{ tekst: NOT_FOR_ROLE }],
    doelen: koersVisible
      ? goals.map((goal) => {
          const helpForGoal = facts.help.filter((h) => h.goalIds?.includes(goal.id));
          const since = firstSeen(goal.id);
          return {
            doel: goal.goal,
            acties: goal.actions.join('; '),
            wie: goal.owner,
            sinds: since
              ? `koers versie ${since.version}${since.agreedOn ? `, vastgesteld ${dutchDate(since.agreedOn)}` : ''}`
              : '',
            verloop: [
              ...helpForGoal.map(
                (h) =>
                  `${h.productName ?? 'Hulp'}: ${HELP_STATE_NAMES[h.status ?? ''] ?? h.status ?? ''}${h.startedOn ? ` sinds ${dutchDate(h.startedOn)}` : ''}.`,
              ),
              TO_FILL,
            ].join(' '),
          };
        })
      : [{ doel: NOT_FOR_ROLE, acties: '', wie: '', sinds: '', verloop: '' }],
    periode: periodFrom ? `sinds ${dutchDate(periodFrom)}` : 'de hele looptijd',
    contacten: contactsInPeriod.map((c) => ({
      datum: dutchDate(c.occurredAt),
      soort: CONTACT_NAMES[c.kind ?? ''] ?? c.kind ?? '',
      verslag: c.report === undefined ? NOT_FOR_ROLE : shorten(c.report),
    })),
    hulp: facts.help
      .filter((h) => h.status !== 'concept' && h.status !== 'ingetrokken')
      .map((h) => ({
        naam: [h.productName, h.aanbiederName].filter(Boolean).join(' bij '),
        stand: HELP_STATE_NAMES[h.status ?? ''] ?? h.status ?? '',
        aangevraagd: h.requestedAt ? dutchDate(h.requestedAt) : 'datum niet zichtbaar',
        wanneer: h.startedOn
          ? `gestart ${dutchDate(h.startedOn)}${h.endedOn ? `, beëindigd ${dutchDate(h.endedOn)}` : ''}`
          : h.expectedStartOn
            ? `verwachte start ${dutchDate(h.expectedStartOn)}`
            : `nog niet gestart; passende hulp uiterlijk ${dutchDate(h.helpDueDate)}`,
        regeling: [
          h.bridging
            ? `Overbrugging: ${h.bridging.description} door ${h.bridging.provider} sinds ${dutchDate(h.bridging.startedOn)}.`
            : '',
          h.alternative?.choice === 'alternatief'
            ? `Gekozen voor een alternatief: ${h.alternative.offer}.`
            : '',
          h.alternative?.choice === 'wachten' ? `Gekozen om te wachten: ${h.alternative.reason}` : '',
          ESCALATION_NAMES[h.escalation ?? 'geen'] ?? '',
        ]
          .filter(Boolean)
          .join(' '),
      })),
    geen_hulp: facts.help.length ? '' : 'Er is (nog) geen hulp aangevraagd.',
    normen: facts.summary
      ? NORM_KEYS.map((key) => {
          const n = facts.summary?.norms[key];
          return {
            norm: NORM_NAMES[key],
            termijn: dutchDate(n?.dueDate),
            voldaan: n?.metOn
              ? `voldaan op ${dutchDate(n.metOn)}${n.state === 'te-laat-voldaan' ? ' (te laat)' : ''}`
              : n?.state === 'te-laat'
                ? 'nog niet voldaan, termijn verstreken'
                : 'nog niet voldaan',
          };
        })
      : [],
    visie_gezin: TO_FILL,
    visie_jeugdige: TO_FILL,
    oordeel_jeugdbeschermer: TO_FILL,
    jeugdbeschermer: facts.worker ?? '',
    organisatie: facts.organisation,
    datum_opgesteld: dutchDate(facts.today),
  };
}
