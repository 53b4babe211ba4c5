/**
 * The koers, shaped with the family: zorgpunten, sterke punten, the family's
 * own view, ontwikkelingsbedreigingen, goals with actions and owner,
 * veiligheidsafspraken, needed help and the evaluation date; who agreed.
 * concept → in afstemming → vastgesteld; a vastgestelde koers is read-only
 * and "Herzien" starts a new version. Where the koers stands, its next step
 * and who agreed come first on the screen (koers-state.tsx); the editor keeps
 * unsaved work as an encrypted draft (koers-editor.tsx).
 */
import './texts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ageOn, dutchToday } from '../../../../shared/rules/dates';
import { isKoersEditable } from '../../../../shared/rules/koers';
import { useField, useLocalQuery, useRecord } from '../../app/field-context';
import { deleteDraft, loadDraft } from '../../local/drafts';
import type { LocalData } from '../../local/store';
import { loadCaseFile } from '../../read-models/case-file';
import { KoersCopyButtons } from '../documents/koers-copy';
import { draftHoldsChanges, type KoersDraft, KoersEditor, koersDraftKey } from './koers-editor';
import { Conflicts, KoersReadOnly } from './koers-read-only';

export function KoersScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const record = useRecord();
  const file = useLocalQuery(['case', caseId], (s) => loadCaseFile(s, caseId));
  // A status change's confirmation; it stays when the editor gives way to the vastgestelde koers.
  const [notice, setNotice] = useState<string | null>(null);
  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!file.data) {
    return (
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    );
  }
  const [koers, previous] = file.data.koersen;
  const name = file.data.jeugdige.firstName;
  return (
    <section className="screen" aria-labelledby="koers-title">
      <Link href={`/dossier/${caseId}`} className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="koers-title">{t('koers.title', { name })}</h1>
        {koers && (
          <p className="muted">
            {t('koers.version', { version: koers.version })} ·{' '}
            <span className="tag" data-testid="koers-status">
              {t(`koers.status.${koers.status}`)}
            </span>
          </p>
        )}
      </div>
      {file.data.conflicts.length > 0 && <Conflicts caseId={caseId} conflicts={file.data.conflicts} />}
      {!koers ? (
        <div className="card">
          <p>{t('koers.none')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void record('startKoers', { id: crypto.randomUUID(), caseId })}
          >
            {t('koers.start')}
          </button>
        </div>
      ) : isKoersEditable(koers.status) ? (
        // A new key when another version arrives: the form starts from what is current.
        <KoersEditorWithDraft
          key={koers.id}
          caseId={caseId}
          koers={koers}
          previous={previous}
          childAge={ageOn(file.data.jeugdige.birthDate, dutchToday())}
          notice={notice}
          onStatusChanged={setNotice}
        />
      ) : (
        <KoersReadOnly caseId={caseId} koers={koers} notice={notice} />
      )}
      {file.data.koersen.some((k) => k.status === 'vastgesteld') && (
        <KoersCopyButtons
          caseId={caseId}
          name={name}
          age={ageOn(file.data.jeugdige.birthDate, dutchToday())}
        />
      )}
    </section>
  );
}

/** The editor, once the device has looked for a draft of this koers version. */
function KoersEditorWithDraft(props: {
  caseId: string;
  koers: LocalData<'koers'>;
  previous: LocalData<'koers'> | undefined;
  childAge: number;
  notice: string | null;
  onStatusChanged: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const { store } = useField();
  const draftKey = koersDraftKey(props.caseId, props.koers.id);
  const [restored, setRestored] = useState<KoersDraft | null | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft is looked for once, when the version opens
  useEffect(() => {
    let live = true;
    void loadDraft<KoersDraft>(store, draftKey)
      // A draft that cannot be read (not this user's key) is as good as none.
      .catch(() => null)
      .then((draft) => {
        if (!live) return;
        if (draft && !draftHoldsChanges(draft, props.koers)) {
          // Nothing in it that the koers does not hold already (saved elsewhere since): gone.
          void deleteDraft(store, draftKey);
          setRestored(null);
        } else setRestored(draft);
      });
    return () => {
      live = false;
    };
  }, [store, draftKey]);
  if (restored === undefined) return <p className="muted">{t('app.loading')}</p>;
  return <KoersEditor {...props} draftKey={draftKey} restored={restored} />;
}
