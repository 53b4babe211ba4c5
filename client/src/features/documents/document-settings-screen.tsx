/**
 * "Documenten" for the beheerder: the organisation's template of the extension request (upload a
 * DOCX with placeholders, or go back to the default one), which placeholders a template may use,
 * and the document settings: the child's own copy of the koers from 12, and the second reader who
 * approves an extension request before it is final. Lazy-loaded, online; the server checks again.
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DocumentSettingsInput,
  EXTENSION_PLACEHOLDERS,
  SECOND_READERS,
  TEMPLATE_MAX_KB,
} from '../../../../shared/schemas/documents';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc, trpcClient } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { formatDateTime } from '../../i18n';
import { DocumentButton } from './document-button';

/** The file's bytes as base64, in slices (a 512 KB file would overflow one call's arguments). */
function base64Of(bytes: Uint8Array): string {
  let raw = '';
  for (let i = 0; i < bytes.length; i += 0x8000) raw += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(raw);
}

export default function DocumentSettingsScreen() {
  const { t } = useTranslation();
  return (
    <Screen id="documents-admin" title={t('documentsAdmin.title')} intro={t('documentsAdmin.intro')}>
      <TemplateSection />
      <SettingsSection />
      <PlaceholderList />
    </Screen>
  );
}

function TemplateSection() {
  const { t } = useTranslation();
  const template = useQuery(trpc.documents.template.queryOptions());
  const [problem, setProblem] = useState('');
  const [fileName, setFileName] = useState('');
  const refresh = (data: unknown) =>
    queryClient.setQueryData(trpc.documents.template.queryKey(), data as never);
  const upload = useMutation(trpc.documents.uploadTemplate.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.documents.removeTemplate.mutationOptions({ onSuccess: refresh }));

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Emptied at once: the same file chosen again (fixed in Word meanwhile) is read again.
    input.value = '';
    upload.reset();
    remove.reset();
    setProblem('');
    setFileName(file?.name ?? '');
    if (!file) return;
    if (!file.name.toLowerCase().endsWith('.docx')) {
      setProblem(t('documentsAdmin.notDocx'));
      return;
    }
    if (file.size > TEMPLATE_MAX_KB * 1024) {
      setProblem(t('documentsAdmin.tooBig', { max: TEMPLATE_MAX_KB }));
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      // The file went away or could not be read (a cloud file not on this computer): said beside the field.
      setProblem(t('documentsAdmin.unreadable'));
      return;
    }
    upload.mutate({ fileName: file.name, base64: base64Of(bytes) });
  };

  const error = problem || (upload.isError ? apiErrorText(upload.error, t) : '');
  return (
    <section className="card" aria-labelledby="template-title">
      <h2 id="template-title">{t('documentsAdmin.templateTitle')}</h2>
      <QueryState query={template}>
        <p data-testid="template-current">
          {template.data
            ? t('documentsAdmin.own', {
                name: template.data.fileName,
                by: template.data.uploadedBy,
                at: formatDateTime(template.data.uploadedAt),
              })
            : t('documentsAdmin.default')}
        </p>
      </QueryState>
      <DocumentButton
        label={t('documentsAdmin.downloadDefault')}
        make={() => trpcClient.documents.defaultTemplate.mutate()}
        testId="template-default"
      />
      <div className="form">
        {/* The browser's own file field speaks the browser's language: a button in ours instead. */}
        <input
          id="template-file"
          className="visually-hidden"
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby="template-file-hint"
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? 'template-file-error' : undefined}
          onChange={(e) => void onFile(e)}
        />
        <label className="button file-button" htmlFor="template-file">
          {t('documentsAdmin.upload')}
        </label>
        <p className="hint" id="template-file-hint">
          {t('documentsAdmin.uploadHint', { max: TEMPLATE_MAX_KB })}
        </p>
        {upload.isPending && <p role="status">{t('documentsAdmin.checking', { name: fileName })}</p>}
        {error && (
          <p className="error" role="alert" id="template-file-error">
            {t('documentsAdmin.refused', { name: fileName })} {error}
          </p>
        )}
        {upload.isSuccess && (
          <p className="ok" role="status">
            {t('documentsAdmin.uploaded', { name: fileName, count: upload.data?.placeholders.length ?? 0 })}
          </p>
        )}
      </div>
      {template.data && (
        <div className="actions">
          <button
            type="button"
            className="button button-quiet"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t('documentsAdmin.remove')}
          </button>
        </div>
      )}
      {remove.isError && (
        <p className="error" role="alert">
          {apiErrorText(remove.error, t)}
        </p>
      )}
      {remove.isSuccess && (
        <p className="ok" role="status">
          {t('documentsAdmin.removed')}
        </p>
      )}
    </section>
  );
}

function SettingsSection() {
  const { t } = useTranslation();
  const settings = useQuery(trpc.documents.settings.queryOptions());
  const [form, setForm] = useState<DocumentSettingsInput | null>(null);
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data);
  }, [settings.data, form]);
  const save = useMutation(
    trpc.documents.saveSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.documents.settings.queryKey(), data),
    }),
  );
  const change = (next: Partial<DocumentSettingsInput>) => {
    save.reset();
    setForm((f) => (f ? { ...f, ...next } : f));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form) save.mutate(form);
  };
  return (
    <section className="card" aria-labelledby="doc-settings-title">
      <h2 id="doc-settings-title">{t('documentsAdmin.settingsTitle')}</h2>
      <QueryState query={settings}>
        {form && (
          <form className="form" onSubmit={onSubmit}>
            <label className="check">
              <input
                type="checkbox"
                checked={form.childCopyFrom12}
                onChange={(e) => change({ childCopyFrom12: e.target.checked })}
              />{' '}
              {t('documentsAdmin.childCopy')}
            </label>
            <fieldset>
              <legend>{t('documentsAdmin.secondReader')}</legend>
              {SECOND_READERS.map((reader) => (
                <label key={reader} className="check">
                  <input
                    type="radio"
                    name="second-reader"
                    value={reader}
                    checked={form.secondReader === reader}
                    onChange={() => change({ secondReader: reader })}
                  />{' '}
                  {t(`documentsAdmin.reader.${reader}`)}
                </label>
              ))}
            </fieldset>
            {save.isError && (
              <p className="error" role="alert">
                {apiErrorText(save.error, t)}
              </p>
            )}
            {save.isSuccess && (
              <p className="ok" role="status">
                {t('documentsAdmin.saved')}
              </p>
            )}
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('documentsAdmin.save')}
            </button>
          </form>
        )}
      </QueryState>
    </section>
  );
}

/** What a template may contain, with what the app puts there. */
function PlaceholderList() {
  const { t } = useTranslation();
  const { fields, lists } = EXTENSION_PLACEHOLDERS;
  return (
    <section className="card" aria-labelledby="placeholders-title">
      <h2 id="placeholders-title">{t('documentsAdmin.placeholdersTitle')}</h2>
      <p className="muted">{t('documentsAdmin.placeholdersIntro')}</p>
      <dl className="placeholder-list" data-testid="placeholders">
        {fields.map((name) => (
          <div key={name}>
            <dt>
              <code>{`{${name}}`}</code>
            </dt>
            <dd>{t(`documentsAdmin.field.${name}`)}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('documentsAdmin.listsTitle')}</h3>
      <dl className="placeholder-list">
        {(Object.keys(lists) as (keyof typeof lists)[]).map((list) => (
          <div key={list}>
            <dt>
              <code>{`{#${list}} … {/${list}}`}</code>
            </dt>
            <dd>
              {t(`documentsAdmin.list.${list}`)}{' '}
              {lists[list].map((name, i) => (
                <span key={name}>
                  {i > 0 && ', '}
                  <code>{`{${name}}`}</code>
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
