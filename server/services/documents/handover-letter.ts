/**
 * The letter to the family that introduces the new jeugdbeschermer after a case moved: who it
 * is, how to reach them, and what stays the same. Plain Dutch (B1), ready to print or send. It
 * names the child and the parents (who receive it), nothing of the file itself.
 */
import type { CaseFacts } from './case-facts';
import { writePdf } from './pdf';
import { dutchDate, MAATREGEL_PLAIN } from './texts';

export interface HandoverLetterInput {
  newWorker: string;
  previousWorker: string | null;
  phone: string;
  email: string;
  from: string;
}

export function handoverLetterPdf(facts: CaseFacts, input: HandoverLetterInput): Promise<Buffer> {
  const child = facts.jeugdige.firstName ?? '';
  const parents = facts.network.filter((p) => p.hasCustody).map((p) => p.name ?? '');
  const measure = facts.measures.find((m) => m.status === 'lopend') ?? facts.measures[0];
  const koers = facts.koersen.filter((k) => k.status === 'vastgesteld').at(-1);
  return writePdf('Uw nieuwe jeugdbeschermer', (w) => {
    w.small(`${facts.organisation} · ${dutchDate(facts.today)}`);
    w.space();
    w.paragraph(parents.length ? `Beste ${parents.join(' en ')},` : `Beste ouders van ${child},`);
    w.title('Uw nieuwe jeugdbeschermer');
    w.paragraph(
      `Vanaf ${dutchDate(input.from)} is ${input.newWorker} de jeugdbeschermer van ${child}.${
        input.previousWorker ? ` ${input.previousWorker} stopt als jeugdbeschermer van ${child}.` : ''
      } In deze brief leest u wat dit voor u betekent.`,
    );
    w.heading('Hoe bereikt u de nieuwe jeugdbeschermer?');
    w.bullets([
      `Naam: ${input.newWorker}`,
      `Telefoon: ${input.phone || '(volgt)'}`,
      `E-mail: ${input.email || '(volgt)'}`,
    ]);
    w.paragraph(`${input.newWorker} neemt binnenkort contact met u op om kennis te maken.`);
    w.heading('Wat blijft hetzelfde?');
    w.bullets([
      measure?.type
        ? `${MAATREGEL_PLAIN[measure.type] ?? 'de maatregel'} loopt gewoon door${measure.endDate ? `, tot ${dutchDate(measure.endDate)}` : ''}.`.replace(
            /^./,
            (c) => c.toUpperCase(),
          )
        : 'De maatregel loopt gewoon door.',
      koers
        ? 'De koers die we samen hebben afgesproken blijft gelden. De nieuwe jeugdbeschermer kent de afspraken.'
        : 'We maken samen met u verder aan de koers: wat we willen bereiken en wie wat doet.',
      'De hulp die al is geregeld of aangevraagd, gaat door.',
      'De nieuwe jeugdbeschermer heeft het dossier gelezen. U hoeft uw verhaal niet opnieuw te vertellen.',
    ]);
    w.heading('Vragen?');
    w.paragraph(
      'Heeft u vragen over deze wisseling? Bel of mail de nieuwe jeugdbeschermer. U mag ook de teamleider vragen om u terug te bellen.',
    );
    w.space();
    w.paragraph('Met vriendelijke groet,');
    w.paragraph(`${input.newWorker}\n${facts.organisation}`);
  });
}
