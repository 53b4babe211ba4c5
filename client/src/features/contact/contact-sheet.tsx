/**
 * Contact vastleggen: a sheet over the case file (which stays drawn under it),
 * one tap from the case file; with the defaults (huisbezoek, now) it is: open,
 * write, save. The URL names it (/dossier/:caseId/contact, or …/contact/:id for
 * an addendum), so back and links work. Everything typed is kept as an
 * encrypted draft, so closing the app loses nothing. Contacts are append-only:
 * a correction is an addendum to the original. A save adds the contact to the
 * case file's timeline as one more line and closes the sheet.
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, CONTACT_LIMITS, type ContactKind } from '../../../../shared/schemas/contact';
import { logContactArgs, nextContactTooEarly } from '../../../../shared/schemas/mutations';
import { LOCAL_KEY, useField, useLocalQuery, useRecord } from '../../app/field-context';
import { queryClient } from '../../app/trpc';
import { useUnsavedChanges } from '../../app/unsaved-changes';
import { useDraft } from '../../app/use-draft';
import { CharCounter, isTooLong, tooLongMessage, withCounter } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  useErrorFocus,
} from '../../components/form-errors';
import { formatDateTime, localDateTime } from '../../i18n';
import type { PreparedAttachment } from '../../local/attachments';
import { loadDraft, saveDraft } from '../../local/drafts';
import type { LocalData } from '../../local/store';
import { loadCaseFile } from '../../read-models/case-file';
import { AttachmentThumb } from '../attachments/attachment-list';
import { AttachmentPicker } from '../attachments/attachment-picker';
import { useSaveAttachment } from '../attachments/case-attachments';
import { contactDraftKey } from './draft-key';

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

const P = 'contact';

export interface ContactSheetProps {
  caseId: string;
  amendsId?: string;
  /** After the save committed: the case file shows (and points at) the new contact. */
  onSaved: (contact: LocalData<'contact'>) => void;
}

/** What had the focus when the sheet opened (the link tapped), to give it back when it closes. */
function openedFrom(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLAnchorElement || active instanceof HTMLButtonElement ? active : null;
}

export function ContactSheet({ caseId, amendsId, onSaved }: ContactSheetProps) {
  const { t } = useTranslation();
  const { store } = useField();
  const file = useLocalQuery(['case', caseId], (s) => loadCaseFile(s, caseId));
  const draftKey = contactDraftKey(caseId, amendsId);
  const [draft, setDraft] = useState<ContactDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(dirty);
  const caseUrl = `/dossier/${caseId}`;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [trigger] = useState(openedFrom);
  const saved = useRef(false);

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

  // Opened: modal over the case file, the focus on the sheet's heading. Closed: the focus goes back to
  // what opened it (after a save the case file moves it to the new contact instead).
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    headingRef.current?.focus();
    return () => {
      if (saved.current) return;
      // A frame later: after the shell's own effects for the new location.
      requestAnimationFrame(() => {
        const back = trigger?.isConnected ? trigger : document.getElementById('contact-new');
        back?.focus();
      });
    };
  }, [trigger]);

  const close = () => unsaved.navigate(caseUrl);
  const original = amendsId
    ? file.data?.timeline.find((i) => i.kind === 'contact' && i.contact.id === amendsId)
    : undefined;
  const amending = !!amendsId;

  let body: ReactNode;
  if (!draft || file.isPending) body = <p className="muted">{t('app.loading')}</p>;
  else if (!file.data)
    body = (
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    );
  else
    body = (
      <ContactForm
        caseId={caseId}
        childName={file.data.jeugdige.firstName}
        people={file.data.network.map((p) => `${p.name} (${p.relation})`)}
        original={original?.kind === 'contact' ? original.contact : undefined}
        draftKey={draftKey}
        initial={draft}
        onDirty={setDirty}
        onSaved={(contact) => {
          saved.current = true;
          onSaved(contact);
          unsaved.navigate(caseUrl, { force: true });
        }}
      />
    );

  return (
    <dialog
      ref={dialogRef}
      className="sheet"
      aria-labelledby="contact-title"
      onCancel={(event) => {
        // Escape: the same as "Sluiten" (asks first when something was typed).
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        close();
      }}
      onClose={(event) => {
        // Closed by the browser all the same (a second Escape): the draft keeps what was typed.
        if (event.target === event.currentTarget && !saved.current)
          unsaved.navigate(caseUrl, { force: true });
      }}
    >
      <div className="screen sheet-body">
        <div className="sheet-head">
          <h1 id="contact-title" ref={headingRef} tabIndex={-1}>
            {amending
              ? t('contact.amendTitle')
              : t('contact.title', { name: file.data?.jeugdige.firstName ?? '' })}
          </h1>
          <button type="button" className="button button-quiet" onClick={close}>
            {t('contact.close')}
          </button>
        </div>
        {original?.kind === 'contact' && (
          <p className="muted">
            {t(`contactKind.${original.contact.kind}`)} · {formatDateTime(original.contact.occurredAt)}
          </p>
        )}
        {body}
      </div>
      {unsaved.dialog}
    </dialog>
  );
}

function ContactForm({
  caseId,
  childName,
  people,
  original,
  draftKey,
  initial,
  onDirty,
  onSaved,
}: {
  caseId: string;
  childName: string;
  people: string[];
  original: LocalData<'contact'> | undefined;
  draftKey: string;
  initial: ContactDraft;
  onDirty: (dirty: boolean) => void;
  onSaved: (contact: LocalData<'contact'>) => void;
}) {
  const { t } = useTranslation();
  const { store, user } = useField();
  const record = useRecord();
  const { draft, change, stopSaving } = useDraft(draftKey, initial);
  const [other, setOther] = useState('');
  // After a save that did not reach the device's store, the form comes back saying so.
  // `saveFailed` is true, or the text of a storage problem (full, wiped).
  const [errors, setErrors] = useState<FormErrors>(() => {
    const failed = (history.state as { saveFailed?: boolean | string } | null)?.saveFailed;
    return failed ? { form: typeof failed === 'string' ? failed : t('errors.saveFailed') } : {};
  });
  const { boxRef, focusErrors } = useErrorFocus();
  const [busy, setBusy] = useState(false);
  // The moment and the next appointment are one tab stop (a button) until the user asks to change them:
  // the browser's date fields are a stop per part (day, month, year, hours, minutes, the picker).
  const [editWhen, setEditWhen] = useState(false);
  const [editNext, setEditNext] = useState(!!initial.nextContactOn);
  const whenInput = useRef<HTMLInputElement>(null);
  const nextInput = useRef<HTMLInputElement>(null);
  const amending = !!original;
  // Photos and documents chosen for this contact: made ready at once, stored with it when it is saved.
  const [chosen, setChosen] = useState<{ key: string; file: PreparedAttachment }[]>([]);
  const saveAttachment = useSaveAttachment();
  /** The contact was saved but an attachment was not: a second tap stores only the attachments. */
  const savedContact = useRef<LocalData<'contact'> | null>(null);

  const dirty = draft !== initial || other !== '' || chosen.length > 0;
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  // Keep the draft of what was typed when the sheet closes within the draft's save delay.
  const latest = useRef({ draft, dirty, saved: false });
  latest.current = { ...latest.current, draft, dirty };
  useEffect(
    () => () => {
      const { draft, dirty, saved } = latest.current;
      if (dirty && !saved)
        void saveDraft(store, draftKey, draft)
          .then(() => queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'contact-draft', caseId] }))
          .catch(() => undefined);
    },
    [store, draftKey, caseId],
  );

  const togglePresent = (name: string) =>
    change({
      present: draft.present.includes(name)
        ? draft.present.filter((p) => p !== name)
        : [...draft.present, name],
    });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FormErrors = {};
    const when = new Date(draft.when);
    const validWhen = !Number.isNaN(when.getTime());
    if (!validWhen) problems.when = t('contact.errors.when');
    else if (when.getTime() > Date.now() + FUTURE_SLACK_MS) problems.when = t('contact.errors.future');
    if (!amending && isTooLong(other.trim(), CONTACT_LIMITS.presentName))
      problems.presentOther = tooLongMessage(t, other.trim(), CONTACT_LIMITS.presentName);
    if (!draft.report.trim()) problems.report = t('contact.errors.report');
    else if (isTooLong(draft.report.trim(), CONTACT_LIMITS.report))
      problems.report = tooLongMessage(t, draft.report.trim(), CONTACT_LIMITS.report);
    const nextContactOn = amending ? '' : (draft.nextContactOn ?? '');
    // The schema's rule, asked here too so the form names it beside the others.
    if (validWhen && nextContactTooEarly({ occurredAt: when.toISOString(), nextContactOn }))
      problems.nextContactOn = t('contact.errors.nextContact');
    const present = other.trim() ? [...draft.present, other.trim()] : draft.present;
    const args = {
      id: crypto.randomUUID(),
      caseId,
      kind: original?.kind ?? draft.kind,
      occurredAt: validWhen ? when.toISOString() : '',
      present: amending ? [] : present,
      childSeen: amending ? false : draft.childSeen,
      report: draft.report.trim(),
      amendsId: original?.id ?? null,
      nextContactOn: nextContactOn || null,
    };
    if (Object.keys(problems).length === 0) {
      const parsed = logContactArgs.safeParse(args);
      if (!parsed.success) problems.form = t('contact.errors.invalid');
    }
    setErrors(problems);
    if (Object.keys(problems).length) {
      if (problems.when) setEditWhen(true);
      if (problems.nextContactOn) setEditNext(true);
      focusErrors();
      return;
    }
    setBusy(true);
    stopSaving();
    // Each attachment after the contact, in its own transaction with its outbox entry (the server
    // applies the contact first). One that fails stays in the form; the contact is not saved twice.
    const storeAttachments = async (contact: LocalData<'contact'>) => {
      savedContact.current = contact;
      for (const item of chosen) {
        try {
          await saveAttachment(caseId, contact.id, item.file);
        } catch {
          setErrors({ attachments: t('attachments.problems.saveFailed') });
          setBusy(false);
          focusErrors();
          return;
        }
        setChosen((c) => c.filter((f) => f !== item));
      }
      latest.current.saved = true;
      performance.mark('contact-saved');
      // The case file adds it as one line in the render that closes the sheet (no wait for a read).
      onSaved(contact);
    };
    if (savedContact.current) {
      void storeAttachments(savedContact.current);
      return;
    }
    // One transaction writes the contact and its outbox entry and deletes the draft; the case file
    // shows it once it has committed, a few milliseconds later. Drawing it first would hold the commit
    // up behind it on a slow phone (it needs the main thread for every step).
    record('logContact', args, { draftKey }).then(
      () => storeAttachments({ ...args, authorId: user.id }),
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
        setErrors({ form: typeof saveFailed === 'string' ? saveFailed : t('errors.saveFailed') });
        focusErrors();
        setBusy(false);
        // Also for the form shown again later (reopened from history).
        history.replaceState({ ...history.state, saveFailed }, '');
      },
    );
  };

  const openWhen = () => {
    setEditWhen(true);
    requestAnimationFrame(() => whenInput.current?.focus());
  };
  const openNext = () => {
    setEditNext(true);
    requestAnimationFrame(() => nextInput.current?.focus());
  };
  const report = describedBy(P, 'report', errors, true);

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorSummary prefix={P} errors={errors} boxRef={boxRef} />
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
      {editWhen ? (
        <>
          <label htmlFor="contact-when">{t('contact.when')}</label>
          <input
            ref={whenInput}
            type="datetime-local"
            value={draft.when}
            max={localDateTime(new Date(Date.now() + FUTURE_SLACK_MS))}
            onChange={(e) => change({ when: e.target.value })}
            {...describedBy(P, 'when', errors)}
          />
          <FieldMessage prefix={P} field="when" errors={errors} />
        </>
      ) : (
        <button type="button" className="button when-button" id="contact-when" onClick={openWhen}>
          <span className="when-label">{t('contact.when')}</span>{' '}
          <strong>{draft.when ? formatDateTime(draft.when) : '—'}</strong>{' '}
          <span className="when-change">{t('contact.change')}</span>
        </button>
      )}
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
            <label htmlFor="contact-presentOther">{t('contact.presentOther')}</label>
            <input
              value={other}
              onChange={(e) => setOther(e.target.value)}
              {...withCounter(describedBy(P, 'presentOther', errors))}
            />
            <CharCounter fieldId="contact-presentOther" value={other} max={CONTACT_LIMITS.presentName} />
            <FieldMessage prefix={P} field="presentOther" errors={errors} />
          </fieldset>
          <label className="check check-strong">
            <input
              type="checkbox"
              checked={draft.childSeen}
              onChange={(e) => change({ childSeen: e.target.checked })}
            />
            <span>{t('contact.childSeen', { name: childName })}</span>
          </label>
          {editNext ? (
            <>
              <label htmlFor="contact-nextContactOn">{t('contact.nextContact')}</label>
              <input
                ref={nextInput}
                type="date"
                value={draft.nextContactOn ?? ''}
                min={draft.when.slice(0, 10)}
                onChange={(e) => change({ nextContactOn: e.target.value })}
                {...describedBy(P, 'nextContactOn', errors)}
              />
              <FieldMessage prefix={P} field="nextContactOn" errors={errors} />
            </>
          ) : (
            <button type="button" className="button button-quiet when-button" onClick={openNext}>
              {t('contact.nextContactAdd')}
            </button>
          )}
        </>
      )}
      <label htmlFor="contact-report">{amending ? t('contact.amendReport') : t('contact.report')}</label>
      <textarea
        rows={8}
        value={draft.report}
        onChange={(e) => change({ report: e.target.value })}
        {...withCounter(report)}
      />
      <CharCounter fieldId="contact-report" value={draft.report} max={CONTACT_LIMITS.report} />
      <FieldMessage prefix={P} field="report" errors={errors} />
      <p className="muted small" id="contact-report-hint">
        {t('contact.draftHint')}
      </p>
      <fieldset className="contact-attachments">
        <legend>{t('attachments.title')}</legend>
        <AttachmentPicker
          onPrepared={async (file) => setChosen((c) => [...c, { key: crypto.randomUUID(), file }])}
          error={errors.attachments}
        />
        {chosen.length > 0 && (
          <>
            <p className="muted small" role="status">
              {t('attachments.chosen', { count: chosen.length })}
            </p>
            <ul className="attachment-list" data-testid="chosen-attachments">
              {chosen.map((item) => (
                <li key={item.key} className="attachment-item">
                  <AttachmentThumb view={item.file} />
                  <button
                    type="button"
                    className="button button-quiet link-small"
                    onClick={() => setChosen((c) => c.filter((f) => f !== item))}
                  >
                    {t('attachments.removeChosen', { name: item.file.fileName })}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      <button type="submit" className="button button-primary sticky-action" disabled={busy}>
        {busy ? t('contact.saving') : t('contact.save')}
      </button>
    </form>
  );
}
