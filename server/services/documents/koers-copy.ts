/**
 * The family's copy of the vastgestelde koers, as PDF, in plain Dutch (B1): what goes well, the
 * goals, what will be done and who does it, the safety agreements and the help that is needed.
 * With `forChild` the same koers is written to the child ("je"), from age 12 when the
 * organisation enables it (document settings).
 *
 * Left out on purpose (the file's words, not the family's):
 *  - zorgpunten: the worries as worded for the file and the court;
 *  - ontwikkelingsbedreigingen: the risk assessment, internal text for the court request;
 *  - the agreement's toelichting: the worker's note on who agreed and why not;
 *  - contact reports, the measure's case number, any id.
 * These fields are never read into the document (FAMILY_KOERS_FIELDS is what is).
 */
import type { KoersContent } from '../../../shared/schemas/koers';
import type { CaseFacts } from './case-facts';
import { writePdf } from './pdf';
import { dutchDate } from './texts';

/** The koers fields a family copy reads; everything else of the koers stays out. */
export const FAMILY_KOERS_FIELDS = [
  'sterkePunten',
  'visieGezin',
  'doelen',
  'veiligheidsafspraken',
  'benodigdeHulp',
] as const satisfies readonly (keyof KoersContent)[];

export type FamilyKoers = Pick<KoersContent, (typeof FAMILY_KOERS_FIELDS)[number]>;

export function familyKoers(content: Partial<KoersContent>): FamilyKoers {
  return {
    sterkePunten: content.sterkePunten ?? [],
    visieGezin: content.visieGezin ?? '',
    doelen: content.doelen ?? [],
    veiligheidsafspraken: content.veiligheidsafspraken ?? [],
    benodigdeHulp: content.benodigdeHulp ?? [],
  };
}

export function koersCopyPdf(
  facts: CaseFacts,
  koers: { content: FamilyKoers; agreedOn: string | null; evaluationDate: string | null; version: number },
  forChild: boolean,
): Promise<Buffer> {
  const name = facts.jeugdige.firstName ?? '';
  const { content } = koers;
  return writePdf(forChild ? 'Jouw koers' : 'De koers van uw gezin', (w) => {
    w.small(`${facts.organisation} · ${dutchDate(facts.today)}`);
    w.space();
    if (forChild) {
      w.title(`Jouw koers, ${name}`);
      w.paragraph(
        `Dit is de koers die we samen hebben gemaakt${koers.agreedOn ? ` op ${dutchDate(koers.agreedOn)}` : ''}. Hierin staat wat we willen bereiken en wie wat doet.`,
      );
    } else {
      w.title(`De koers voor ${name}`);
      w.paragraph(
        `Dit is de koers die we samen met u hebben afgesproken${koers.agreedOn ? ` op ${dutchDate(koers.agreedOn)}` : ''}. Hierin staat wat we samen willen bereiken, wat we daarvoor doen en wie wat doet.`,
      );
    }
    if (content.sterkePunten.length) {
      w.heading('Wat goed gaat');
      w.bullets(content.sterkePunten);
    }
    if (!forChild && content.visieGezin.trim()) {
      w.heading('Wat u zelf zegt');
      w.paragraph(content.visieGezin);
    }
    w.heading(forChild ? 'Wat we willen bereiken' : 'Onze doelen');
    if (content.doelen.length === 0) w.paragraph('Er zijn nog geen doelen opgeschreven.');
    content.doelen.forEach((goal, i) => {
      w.paragraph(`Doel ${i + 1}: ${goal.goal}`);
      if (goal.actions.length) {
        w.small(forChild ? 'Wat we gaan doen:' : 'Wat we daarvoor doen:');
        w.bullets(goal.actions);
      }
      if (goal.owner.trim()) w.paragraph(`Wie doet dit: ${goal.owner}`);
    });
    if (content.veiligheidsafspraken.length) {
      w.heading(forChild ? 'Afspraken over veiligheid' : 'Afspraken over veiligheid');
      w.bullets(content.veiligheidsafspraken);
    }
    if (content.benodigdeHulp.length) {
      w.heading(forChild ? 'Welke hulp er komt' : 'Welke hulp nodig is');
      w.bullets(content.benodigdeHulp);
    }
    if (koers.evaluationDate) {
      w.heading('Wanneer we terugkijken');
      w.paragraph(
        forChild
          ? `Op ${dutchDate(koers.evaluationDate)} kijken we samen hoe het gaat.`
          : `Rond ${dutchDate(koers.evaluationDate)} kijken we samen met u hoe het gaat en of de koers nog klopt.`,
      );
    }
    w.heading('Vragen?');
    w.paragraph(
      forChild
        ? `Heb je een vraag of ben je het ergens niet mee eens? Zeg het tegen ${facts.worker ?? 'je jeugdbeschermer'}.`
        : `Heeft u een vraag, of klopt er iets niet? Neem contact op met ${facts.worker ?? 'uw jeugdbeschermer'}.`,
    );
    w.small(`Versie ${koers.version} van de koers.`);
  });
}
