/** Plain-Dutch descriptions of outbox entries: what the change was, and its content as text. */
import './texts';
import type { TFunction } from 'i18next';
import type { OutboxEntry } from '../../sync/outbox';

interface ContactArgs {
  kind: string;
  occurredAt: string;
  report: string;
  present: string[];
  childSeen: boolean;
  amendsId: string | null;
}

export function describeEntry(entry: OutboxEntry, t: TFunction, formatDateTime: (iso: string) => string) {
  const args = entry.args as Record<string, unknown>;
  switch (entry.name) {
    case 'logContact': {
      const c = args as unknown as ContactArgs;
      return {
        title: c.amendsId
          ? t('outbox.what.amendment', { when: formatDateTime(c.occurredAt) })
          : t('outbox.what.logContact', {
              kind: t(`contactKind.${c.kind}` as 'contactKind.overig'),
              when: formatDateTime(c.occurredAt),
            }),
        content: c.report,
        text: [
          `${t(`contactKind.${c.kind}` as 'contactKind.overig')} — ${formatDateTime(c.occurredAt)}`,
          c.present.length ? t('contact.presentList', { names: c.present.join(', ') }) : '',
          c.childSeen ? t('caseFile.childSeen') : '',
          '',
          c.report,
        ]
          .filter((l, i) => l || i === 3)
          .join('\n'),
      };
    }
    case 'editKoers': {
      const values = (args.values ?? {}) as Record<string, unknown>;
      const fields = Object.keys(values).map((f) => t(`koers.fields.${f}` as 'koers.fields.visieGezin'));
      const text = Object.entries(values)
        .map(([f, v]) => `${t(`koers.fields.${f}` as 'koers.fields.visieGezin')}: ${plain(v)}`)
        .join('\n');
      return { title: t('outbox.what.editKoers', { fields: fields.join(', ') }), content: text, text };
    }
    case 'startKoers':
      return { title: t('outbox.what.startKoers'), content: '', text: t('outbox.what.startKoers') };
    case 'setKoersStatus':
      return {
        title: t('outbox.what.setKoersStatus', {
          status: t(`koers.status.${String(args.status)}` as 'koers.status.concept'),
        }),
        content: '',
        text: '',
      };
    case 'requestHelp':
      return describeHelpRequest(args, t);
    case 'chooseAlternative': {
      const choice = t(`help.choice.${String(args.choice)}` as 'help.choice.wachten');
      const text = `${choice}: ${String(args.reason ?? '')}`;
      return { title: t('outbox.what.chooseAlternative', { choice }), content: text, text };
    }
    case 'addAttachment': {
      const text = String(args.fileName ?? '');
      return { title: t('outbox.what.addAttachment', { name: text }), content: '', text };
    }
    case 'resolveKoersConflict':
      return {
        title: t(args.keep === 'mine' ? 'outbox.what.keepMine' : 'outbox.what.keepTheirs'),
        content: '',
        text: '',
      };
  }
}

function describeHelpRequest(args: Record<string, unknown>, t: TFunction) {
  const text = [
    String(args.productName ?? ''),
    `${t('help.fields.urgency')}: ${t(`help.urgency.${String(args.urgency)}` as 'help.urgency.regulier')}`,
    args.urgencyReason ? String(args.urgencyReason) : '',
    '',
    `${t('help.fields.need')}: ${String(args.need ?? '')}`,
    args.familyViews ? `${t('help.fields.familyViews')}: ${String(args.familyViews)}` : '',
  ]
    .filter((l, i) => l || i === 3)
    .join('\n');
  return {
    title: t('outbox.what.requestHelp', { product: String(args.productName ?? '') }),
    content: text,
    text,
  };
}

function plain(value: unknown): string {
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : (v as { goal?: string }).goal)).join('; ');
  return value === null || value === undefined ? '—' : String(value);
}
