/**
 * The office screens' CSV export: one button that asks the server for the file
 * (which checks a recent sign-in and logs every child in it as exported), runs
 * the step-up dialog when the server wants one, hands the browser the file,
 * and says what happened beside the button: downloaded, or why not.
 */
import './csv-export-texts';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../app/api-error';
import { downloadFile } from '../app/office';
import { useStepUpMutation } from './step-up-dialog';

export interface CsvFile {
  filename: string;
  csv: string;
  /** Rows in the file (without the header). */
  count: number;
}

/** The export as a mutation; render `stepUpDialog` beside whatever starts it. */
export function useCsvExport<I>(call: (input: I) => Promise<CsvFile>) {
  return useStepUpMutation(call, ({ filename, csv }) => downloadFile(filename, csv));
}

export function CsvExportButton({
  label,
  download,
  testId,
}: {
  /** What is exported, for the button's accessible name ("CSV downloaden: Wachtlijst"). */
  label: string;
  download: () => Promise<CsvFile>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const exporter = useCsvExport(download);
  return (
    <div className="csv-export" data-testid={testId}>
      <button
        type="button"
        className="button button-quiet"
        disabled={exporter.isPending}
        aria-label={label}
        onClick={() => exporter.mutate(undefined)}
      >
        {exporter.isPending ? t('csvExport.busy') : t('csvExport.button')}
      </button>
      {exporter.isError && (
        <p className="error small" role="alert">
          {apiErrorText(exporter.error, t)}
        </p>
      )}
      {exporter.isSuccess && (
        <p className="ok small" role="status">
          {t('csvExport.done', { filename: exporter.data.filename, count: exporter.data.count })}
        </p>
      )}
      {exporter.stepUpDialog}
    </div>
  );
}
