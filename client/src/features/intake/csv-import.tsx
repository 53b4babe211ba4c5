/**
 * The CSV import: the file is read in the browser and sent as text; the
 * server answers with a preview (what is new, what it already knows, every
 * wrong line). "Importeren" appears only for a file without errors, and the
 * server checks everything again before it writes all rows at once; a refused
 * import names every problem, and the preview is asked again to list them.
 * The screen lists the columns and hands out a template made here, from the
 * same column list the parser uses (no case data in it). The file input is
 * emptied after each read, so choosing the same file again (after fixing it
 * in Excel) reads it again.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTAKE_COLUMNS,
  INTAKE_REQUIRED,
  INTAKE_TEMPLATE_EXAMPLE,
  INTAKE_TEMPLATE_NAME,
  intakeTemplateCsv,
  MAX_INTAKE_CSV_CHARS,
} from '../../../../shared/rules/intake-csv';
import { apiErrorText } from '../../app/api-error';
import { downloadFile } from '../../app/office';
import { trpc } from '../../app/trpc';
import { TableScroll } from '../../components/table-scroll';
import { formatDay } from '../../i18n';
import { refreshIntake } from './queries';

/**
 * The file's text: UTF-8 (with or without a BOM), or else Windows-1252, which is what Excel's
 * plain "CSV (gescheiden door lijstscheidingsteken)" writes on Windows: "Zoë" stays "Zoë".
 */
async function readText(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function IntakeImport() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const preview = useMutation(trpc.intake.preview.mutationOptions());
  const commit = useMutation(
    trpc.intake.import.mutationOptions({
      onSuccess: () => {
        setCsv(null);
        setFileName(null);
        preview.reset();
        void refreshIntake();
      },
      // Something changed since the preview: ask again, so the table lists what is wrong now.
      onError: (_error, variables) => preview.mutate(variables),
    }),
  );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Emptied at once: the same file chosen again (fixed in the meantime) is a change, and is read again.
    input.value = '';
    commit.reset();
    preview.reset();
    setCsv(null);
    setFileName(file?.name ?? null);
    setTooBig(false);
    if (!file) return;
    if (file.size > MAX_INTAKE_CSV_CHARS) {
      setTooBig(true);
      return;
    }
    const text = await readText(file);
    setCsv(text);
    preview.mutate({ csv: text });
  };

  const result = preview.data;
  const failure = preview.error ?? commit.error;
  return (
    <section className="card" aria-labelledby="intake-import-title">
      <h2 id="intake-import-title">{t('intake.import.title')}</h2>
      <p className="muted" id="intake-import-hint">
        {t('intake.import.hint')}
      </p>
      <IntakeColumns />
      <p>
        <button
          type="button"
          className="button"
          aria-describedby="intake-template-hint"
          onClick={() => downloadFile(INTAKE_TEMPLATE_NAME, intakeTemplateCsv())}
        >
          {t('intake.import.template')}
        </button>
      </p>
      <p className="hint" id="intake-template-hint">
        {t('intake.import.templateHint')}
      </p>
      <div className="form">
        <label htmlFor="intake-file">{t('intake.import.file')}</label>
        <input
          id="intake-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="intake-import-hint"
          style={{ maxWidth: '100%', minWidth: 0 }}
          onChange={(e) => void onFile(e)}
        />
        {fileName && (
          <p className="hint" data-testid="intake-chosen">
            {t('intake.import.chosen', { name: fileName })}
          </p>
        )}
      </div>
      {tooBig && (
        <p className="error" role="alert">
          {t('intake.import.tooBig')}
        </p>
      )}
      {preview.isPending && <p role="status">{t('intake.import.checking')}</p>}
      {failure && (
        <p className="error" role="alert">
          {apiErrorText(failure, t)}
        </p>
      )}
      {commit.data && (
        <p className="ok" role="status">
          {t('intake.import.done', commit.data)}
        </p>
      )}
      {result && (
        <>
          {result.errors.length > 0 ? (
            <>
              <p className="error" role="alert">
                {t('intake.import.errors', { count: result.errors.length })}
              </p>
              <TableScroll label={t('intake.import.errorsCaption')}>
                <table className="desk-table">
                  <caption>{t('intake.import.errorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('intake.import.line')}</th>
                      <th scope="col">{t('intake.import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several errors, in a fixed order
                      <tr key={`${e.line}-${i}`}>
                        <th scope="row">{e.line}</th>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          ) : (
            <p role="status">
              {t('intake.import.summary', { create: result.toCreate, existing: result.existing })}
            </p>
          )}
          {result.rows.length > 0 && (
            <TableScroll label={t('intake.import.rowsCaption')}>
              <table className="desk-table">
                <caption>{t('intake.import.rowsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('intake.import.line')}</th>
                    <th scope="col">{t('intake.import.child')}</th>
                    <th scope="col">{t('intake.import.outcome')}</th>
                    <th scope="col">{t('intake.import.birthDate')}</th>
                    <th scope="col">{t('intake.import.gemeente')}</th>
                    <th scope="col">{t('intake.import.type')}</th>
                    <th scope="col">{t('intake.import.ruling')}</th>
                    <th scope="col">{t('intake.import.teamName')}</th>
                    <th scope="col">{t('intake.import.family')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.line}>
                      <th scope="row">{r.line}</th>
                      <td>{r.name}</td>
                      <td>{t(`intake.import.${r.outcome}`)}</td>
                      <td>{formatDay(r.birthDate)}</td>
                      <td>{r.gemeente}</td>
                      <td>{t(`intake.types.${r.type}`)}</td>
                      <td>{formatDay(r.rulingDate)}</td>
                      <td>{r.teamName}</td>
                      <td>
                        {r.knownFamily ? t('intake.import.sibling', { ref: r.familyRef }) : r.familyRef}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {result.errors.length === 0 && result.toCreate === 0 && (
            <p className="muted">{t('intake.import.nothing')}</p>
          )}
          {result.errors.length === 0 && result.toCreate > 0 && csv !== null && (
            <button
              type="button"
              className="button button-primary"
              disabled={commit.isPending}
              onClick={() => commit.mutate({ csv })}
            >
              {t('intake.import.button')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** The file's columns, in the template's order, with what each needs: a list that reads at phone width. */
function IntakeColumns() {
  const { t } = useTranslation();
  return (
    <details className="intake-columns" open>
      <summary>{t('intake.import.columnsTitle', { count: INTAKE_COLUMNS.length })}</summary>
      <p className="muted">{t('intake.import.columnsIntro')}</p>
      <dl className="intake-column-list" aria-label={t('intake.import.columnsCaption')}>
        {INTAKE_COLUMNS.map((column) => (
          <div key={column}>
            <dt>
              <code>{column}</code>{' '}
              <span className={INTAKE_REQUIRED.includes(column) ? 'pill pill-info' : 'muted small'}>
                {INTAKE_REQUIRED.includes(column) ? t('intake.import.required') : t('intake.import.optional')}
              </span>
            </dt>
            <dd>
              {t(`intake.import.columns.${column}`)}
              {INTAKE_TEMPLATE_EXAMPLE[column] && (
                <>
                  {' '}
                  <span className="muted">
                    {t('intake.import.example')} <code>{INTAKE_TEMPLATE_EXAMPLE[column]}</code>
                  </span>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
