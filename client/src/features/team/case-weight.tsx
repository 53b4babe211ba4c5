/** The team lead marks a case as a complex divorce (it weighs in the caseload balance). */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';

export function CaseWeight({ caseId, complexDivorce }: { caseId: string; complexDivorce: boolean }) {
  const { t } = useTranslation();
  const save = useMutation(
    trpc.team.setComplexDivorce.mutationOptions({ onSettled: () => queryClient.invalidateQueries() }),
  );
  const checked = save.isPending ? (save.variables?.complexDivorce ?? complexDivorce) : complexDivorce;
  return (
    <div className="card">
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ caseId, complexDivorce: e.target.checked })}
        />
        <span>{t('balance.complexDivorce')}</span>
      </label>
      <p className="muted small">{t('balance.complexDivorceHint')}</p>
      {save.isError && (
        <p className="error" role="alert">
          {apiErrorText(save.error, t)}
        </p>
      )}
    </div>
  );
}
