/**
 * Contact vastleggen: one screen, reachable in one tap from the case file;
 * with the defaults (huisbezoek, now) it is: open, write, save. Everything
 * typed is kept as an encrypted draft, so closing the app loses nothing.
 * Contacts are append-only: a correction is an addendum to the original.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { CONTACT_KINDS, type ContactKind } from '../../../../shared/schemas/contact';
import { logContactArgs, nextContactTooEarly } from '../../../../shared/schemas/mutations';
import { LOCAL_KEY, useField, useLocalQuery, useRecord } from '../../app/field-context';
import { queryClient } from '../../app/trpc';
import { useDraft } from '../../app/use-draft';
import { formatDateTime, localDateTime } from '../../i18n';
import { loadDraft, saveDraft } from '../../local/drafts';
import type { LocalData } from '../../local/store';
import { type LocalCaseFile, loadCaseFile, withNewContact } from '../../read-models/case-file';

interface ContactDraft {
  kind: ContactKind;
  /** datetime-local value, local time */
  when: string;
  present: string[];
  childSeen: boolean;
  report: string;
  /** The next planned contact, 'YYYY-MM-DD' or '' */
  nextContactOn?: string;
}

export const contactDraftKey = (caseId: string, amendsId?: string) =>
  `contact:${caseId}:${amendsId ?? 'nieuw'}`;

const emptyDraft = (): ContactDraft => ({
  kind: 'huisbezoek',
  when: localDateTime(new Date()),
  present: [],
  childSeen: false,
  report: '',
});

/** Forms whose save failed for lack of storage: kept in memory, so the typed text survives a full disk. */
const unsavedDrafts = new Map<string, ContactDraft>();

/** A few minutes of slack for a phone clock that runs a little fast. */
const FUTURE_SLACK_MS = 5 * 60_000;

export function ContactScreen({ caseId, amendsId }: { caseId: string; amendsId?: string }) {
  const { t } = useTranslation();
  const { store } = useField();
  const file = useLocalQuery(['case', caseId], (s) => loadCaseFile(s, caseId));
  const draftKey = contactDraftKey(caseId, amendsId);
  const [draft, setDraft] = useState<ContactDraft | null>(null);

  useEffect(() => {
    let live = true;
    void loadDraft<ContactDraft>(store, draftKey).then((saved) => {
      const kept = unsavedDrafts.get(draftKey);
      unsavedDrafts.delete(draftKey);
      if (live) setDraft(kept ?? saved ?? emptyDraft());
    });
    return () => {
      live = false;
    };
  }, [store, draftKey]);

  if (!draft || file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!file.data) {
    return (
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    );
  }
  const original = amendsId
    ? file.data.timeline.find((i) => i.kind === 'contact' && i.contact.id === amendsId)
    : undefined;
  return (
    <ContactForm
      caseId={caseId}
      childName={file.data.jeugdige.firstName}
      people={file.data.network.map((p) => `${p.name} (${p.relation})`)}
      original={original?.kind === 'contact' ? original.contact : undefined}
      draftKey={draftKey}
      initial={draft}
    />
  );
}

function ContactForm({
  caseId,
  childName,
  people,
  original,
  draftKey,
  initial,
}: {
  caseId: string;
  childName: string;
  people: string[];
  original: LocalData<'contact'> | undefined;
  draftKey: string;
  initial: ContactDraft;
}) {
  const { t } = useTranslation();
  const { store, user } = useField();
  const record = useRecord();
  const [, navigate] = useLocation();
  const { draft, change, stopSaving } = useDraft(draftKey, initial);
  const [other, setOther] = useState('');
  // After a save that did not reach the device's store, the form comes back saying so.
  // `saveFailed` is true, or the text of a storage problem (full, wiped).
  const [errors, setErrors] = useState<string[]>(() => {
    const failed = (history.state as { saveFailed?: boolean | string } | null)?.saveFailed;
    return failed ? [typeof failed === 'string' ? failed : t('errors.saveFailed')] : [];
  });
  const [busy, setBusy] = useState(false);
  const amending = !!original;

  const togglePresent = (name: string) =>
    change({
      present: draft.present.includes(name)
        ? draft.present.filter((p) => p !== name)
        : [...draft.present, name],
    });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: string[] = [];
    const when = new Date(draft.when);
    if (Number.isNaN(when.getTime())) problems.push(t('contact.errors.when'));
    else if (when.getTime() > Date.now() + FUTURE_SLACK_MS) problems.push(t('contact.errors.future'));
    if (!draft.report.trim()) problems.push(t('contact.errors.report'));
    const nextContactOn = amending ? '' : (draft.nextContactOn ?? '');
    // The schema's rule, asked here too so the form names it beside the others.
    if (
      !Number.isNaN(when.getTime()) &&
      nextContactTooEarly({ occurredAt: when.toISOString(), nextContactOn })
    )
      problems.push(t('contact.errors.nextContact'));
    const present = other.trim() ? [...draft.present, other.trim()] : draft.present;
    const args = {
      id: crypto.randomUUID(),
      caseId,
      kind: original?.kind ?? draft.kind,
      occurredAt: Number.isNaN(when.getTime()) ? '' : when.toISOString(),
      present: amending ? [] : present,
      childSeen: amending ? false : draft.childSeen,
      report: draft.report.trim(),
      amendsId: original?.id ?? null,
      nextContactOn: nextContactOn || null,
    };
    if (problems.length === 0) {
      const parsed = logContactArgs.safeParse(args);
      if (!parsed.success) problems.push(t('contact.errors.invalid'));
    }
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    stopSaving();
    // One transaction writes the contact and its outbox entry and deletes the draft; the case file is
    // shown once it has committed, a few milliseconds later. Drawing the case file first would hold
    // the commit up behind it on a slow phone (it needs the main thread for every step).
    record('logContact', args, { draftKey }).then(
      () => {
        performance.mark('contact-saved');
        queryClient.setQueryData<LocalCaseFile | null>([LOCAL_KEY, 'case', caseId], (file) =>
          file ? withNewContact(file, { ...args, authorId: user.id }) : file,
        );
        navigate(`/dossier/${caseId}`);
      },
      async (error: unknown) => {
        // Not saved: the form stays, with everything that was typed, and says so.
        // A full storage keeps the typed text in memory (the draft below may not fit either).
        const problem = error instanceof Error && error.name.startsWith('Storage') ? error : null;
        const saveFailed = problem
          ? ((await import('../device-warnings/device-warnings')).storageProblemText(problem) ?? true)
          : true;
        if (problem) unsavedDrafts.set(draftKey, draft);
        await saveDraft(store, draftKey, draft).catch(() => undefined);
        void queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'case', caseId] });
        setErrors([typeof saveFailed === 'string' ? saveFailed : t('errors.saveFailed')]);
        setBusy(false);
        // Also for the form shown again later (reopened from history).
        navigate(`/dossier/${caseId}/contact${original ? `/${original.id}` : ''}`, {
          replace: true,
          state: { saveFailed },
        });
      },
    );
  };

  return (
    <section className="screen" aria-labelledby="contact-title">
      <Link href={`/dossier/${caseId}`} className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="contact-title">
          {amending ? t('contact.amendTitle') : t('contact.title', { name: childName })}
        </h1>
        {original && (
          <p className="muted">
            {t(`contactKind.${original.kind}`)} · {formatDateTime(original.occurredAt)}
          </p>
        )}
      </div>
      <form className="form" onSubmit={onSubmit} noValidate>
        {!amending && (
          <fieldset className="chips">
            <legend>{t('contact.kind')}</legend>
            {CONTACT_KINDS.map((kind) => (
              <label key={kind} className="chip">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={draft.kind === kind}
                  onChange={() => change({ kind })}
                />
                <span>{t(`contactKind.${kind}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label htmlFor="contact-when">{t('contact.when')}</label>
        <input
          id="contact-when"
          type="datetime-local"
          value={draft.when}
          max={localDateTime(new Date(Date.now() + FUTURE_SLACK_MS))}
          onChange={(e) => change({ when: e.target.value })}
        />
        {!amending && (
          <>
            <fieldset className="checks">
              <legend>{t('contact.present')}</legend>
              {people.map((name) => (
                <label key={name} className="check">
                  <input
                    type="checkbox"
                    checked={draft.present.includes(name)}
                    onChange={() => togglePresent(name)}
                  />
                  <span>{name}</span>
                </label>
              ))}
              <label htmlFor="contact-other">{t('contact.presentOther')}</label>
              <input
                id="contact-other"
                value={other}
                maxLength={120}
                onChange={(e) => setOther(e.target.value)}
              />
            </fieldset>
            <label className="check check-strong">
              <input
                type="checkbox"
                checked={draft.childSeen}
                onChange={(e) => change({ childSeen: e.target.checked })}
              />
              <span>{t('contact.childSeen', { name: childName })}</span>
            </label>
          </>
        )}
        {!amending && (
          <>
            <label htmlFor="contact-next">{t('contact.nextContact')}</label>
            <input
              id="contact-next"
              type="date"
              value={draft.nextContactOn ?? ''}
              min={draft.when.slice(0, 10)}
              onChange={(e) => change({ nextContactOn: e.target.value })}
            />
          </>
        )}
        <label htmlFor="contact-report">{amending ? t('contact.amendReport') : t('contact.report')}</label>
        <textarea
          id="contact-report"
          rows={8}
          maxLength={20_000}
          value={draft.report}
          onChange={(e) => change({ report: e.target.value })}
          aria-invalid={errors.length > 0}
          aria-describedby={errors.length ? 'contact-errors' : 'contact-draft-hint'}
        />
        <p className="muted small" id="contact-draft-hint">
          {t('contact.draftHint')}
        </p>
        {errors.length > 0 && (
          <ul id="contact-errors" className="error" role="alert">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <button type="submit" className="button button-primary sticky-action" disabled={busy}>
          {busy ? t('contact.saving') : t('contact.save')}
        </button>
      </form>
    </section>
  );
}
