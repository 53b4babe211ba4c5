/**
 * The team's caseload balance: per jeugdbeschermer the weighted caseload
 * against the norm band for their FTE (12–14 per full-time worker, from the
 * organisation's settings), with the explanation of every figure; a "what if":
 * select cases, pick who takes them, see both workers' figures before anything
 * moves, then move them (both phones follow at their next sync).
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { AppRouter } from '../../../../server/routers';
import { type WorkerCaseload, workerCaseload } from '../../../../shared/rules/caseload';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc, trpcClient } from '../../app/trpc';
import { CaseCard } from '../../components/case-card';
import { CsvExportButton } from '../../components/csv-export';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { ExtensionsDue } from '../documents/extensions-due';
import { HandoverNoteField, handoverNoteTooLong, handoverNoteValue } from '../documents/handover-note-field';
import { WeightsForm } from './balance-weights';

type Balance = inferRouterOutputs<AppRouter>['team']['balance'];
type Worker = Balance['workers'][number];

const fmt = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

/** Each worker's caseload after the planned moves (selected cases → target), with the organisation's weights. */
export function afterMoves(balance: Balance, selected: ReadonlySet<string>, targetId: string) {
  const { caseloadWeights, caseloadNorm } = balance.settings;
  const moving = balance.workers.flatMap((w) => w.cases.filter((c) => selected.has(c.caseId)));
  const result = new Map<string, WorkerCaseload>();
  for (const w of balance.workers) {
    const kept = w.cases.filter((c) => !selected.has(c.caseId));
    const own = w.userId === targetId ? [...kept, ...moving] : kept;
    result.set(w.userId, workerCaseload(own, w.fte, balance.today, caseloadWeights, caseloadNorm));
  }
  return result;
}

/** Starts both of the view's queries (one batched request); the view then shows their answers. */
export function prefetchBalanceView() {
  if (queryClient.getQueryData(trpc.auth.me.queryKey())?.role !== 'teamleider') return;
  void queryClient.prefetchQuery(trpc.team.balance.queryOptions());
  void queryClient.prefetchQuery(trpc.cases.team.queryOptions());
}

export function BalanceView() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const balance = useQuery(trpc.team.balance.queryOptions());
  const teamCases = useQuery(trpc.cases.team.queryOptions());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState('');
  const [note, setNote] = useState('');
  const move = useMutation(
    trpc.team.moveCases.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() }),
    }),
  );
  const data = balance.data;
  const usable = data !== undefined && teamCases.data !== undefined;
  useEffect(() => {
    // For the benchmarks: both answers are in and the balance and the team's cases are painted.
    if (usable) performance.mark('team-view-usable');
  }, [usable]);
  const after = useMemo(
    () => (data && selected.size > 0 && target ? afterMoves(data, selected, target) : null),
    [data, selected, target],
  );
  const owners = new Map(
    data?.workers.flatMap((w) => w.cases.map((c) => [c.caseId, w.userId] as const)) ?? [],
  );
  // The workers whose cases are selected: a case cannot move to the one who has it.
  const sources = new Set([...selected].flatMap((id) => owners.get(id) ?? []));
  const toggle = (caseId: string) => {
    setDone('');
    setProblem('');
    const next = new Set(selected);
    if (next.has(caseId)) next.delete(caseId);
    else next.add(caseId);
    setSelected(next);
    // The chosen target now has a selected case of their own: they are no longer a target.
    if (owners.get(caseId) === target && next.has(caseId)) setTarget('');
  };
  const onMove = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    move.reset();
    // Every press gets an answer: what is missing, or what moved.
    if (selected.size === 0 || !target) {
      setProblem(t(selected.size === 0 ? 'balance.noneSelected' : 'balance.noTarget'));
      return;
    }
    // The note's own message stands next to it; the move waits until it fits.
    if (handoverNoteTooLong(note)) return;
    setProblem('');
    const handoverNote = handoverNoteValue(note);
    const moves = [...selected].map((caseId) => ({ caseId, toUserId: target, handoverNote }));
    move.mutate(
      { moves },
      {
        onSuccess: () => {
          setSelected(new Set());
          setTarget('');
          setNote('');
          setDone(t('balance.moved', { count: moves.length }));
        },
      },
    );
  };
  const scaleMax =
    Math.max(
      1,
      ...(data?.workers.map((w) =>
        Math.max(w.caseload.weighted, after?.get(w.userId)?.weighted ?? 0, w.caseload.band.high),
      ) ?? []),
    ) * 1.1;

  return (
    <Screen
      id="team"
      title={t('team.title')}
      intro={
        data
          ? t('balance.intro', {
              low: fmt(data.settings.caseloadNorm.low),
              high: fmt(data.settings.caseloadNorm.high),
            })
          : undefined
      }
    >
      <QueryState query={balance}>
        {data && data.workers.length === 0 ? (
          <p className="empty">{t('team.empty')}</p>
        ) : (
          data && (
            <>
              <CsvExportButton
                label={t('balance.csvFor')}
                download={() => trpcClient.team.exportBalanceCsv.mutate()}
                testId="balance-export"
              />
              <BalanceChart workers={data.workers} after={after} scaleMax={scaleMax} />
              <ul className="plain-list" data-testid="team">
                {data.workers.map((w) => (
                  <WorkerCard
                    key={w.userId}
                    worker={w}
                    after={after?.get(w.userId)}
                    selected={selected}
                    onToggle={toggle}
                  />
                ))}
              </ul>
              <form className="card what-if form" onSubmit={onMove} aria-labelledby="what-if-title">
                <h2 id="what-if-title">{t('balance.whatIf')}</h2>
                <p className="muted small">
                  {selected.size === 0
                    ? t('balance.selectHint')
                    : t('balance.selected', { count: selected.size })}
                </p>
                <label htmlFor="move-to">{t('balance.moveTo')}</label>
                <select
                  id="move-to"
                  value={target}
                  onChange={(e) => {
                    setProblem('');
                    setDone('');
                    setTarget(e.target.value);
                  }}
                >
                  <option value="">{t('team.choose')}</option>
                  {data.workers
                    .filter((w) => !sources.has(w.userId))
                    .map((w) => (
                      <option key={w.userId} value={w.userId}>
                        {w.displayName}
                      </option>
                    ))}
                </select>
                {after && (
                  <ul className="plain-list what-if-figures" data-testid="what-if">
                    {data.workers
                      .filter((w) => after.get(w.userId)?.weighted !== w.caseload.weighted)
                      .map((w) => {
                        const next = after.get(w.userId);
                        return (
                          <li key={w.userId}>
                            <strong>{w.displayName}</strong>:{' '}
                            {t('balance.fromTo', {
                              from: fmt(w.caseload.weighted),
                              to: fmt(next?.weighted ?? 0),
                              low: fmt(w.caseload.band.low),
                              high: fmt(w.caseload.band.high),
                            })}{' '}
                            <span className={`pill ${STATE_PILL[next?.state ?? 'binnen']}`}>
                              {t(`balance.state.${next?.state ?? 'binnen'}`)}
                            </span>
                          </li>
                        );
                      })}
                  </ul>
                )}
                <HandoverNoteField id="move-note" value={note} onChange={setNote} cases={selected.size} />
                {(problem || move.isError) && (
                  <p className="error" role="alert">
                    {problem || apiErrorText(move.error, t)}
                  </p>
                )}
                {done && (
                  <p className="ok" role="status">
                    {done}
                  </p>
                )}
                <div className="actions">
                  <button type="submit" className="button button-primary" disabled={move.isPending}>
                    {t('balance.move')}
                  </button>
                  {selected.size > 0 && (
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        setSelected(new Set());
                        setProblem('');
                      }}
                    >
                      {t('app.cancel')}
                    </button>
                  )}
                </div>
              </form>
              <WeightsForm settings={data.settings} />
            </>
          )
        )}
      </QueryState>
      {teamCases.data && <ExtensionsDue cases={teamCases.data} />}
      <h2>{t('team.casesTitle')}</h2>
      <QueryState query={teamCases}>
        <ul className="case-list" data-testid="team-cases">
          {(teamCases.data ?? []).map((row) => (
            <CaseCard key={row.caseId} summary={row} onOpen={(id) => navigate(`/dossier/${id}`)} />
          ))}
        </ul>
      </QueryState>
    </Screen>
  );
}

const STATE_PILL = { onder: 'pill-info', binnen: 'pill-ok', boven: 'pill-late' } as const;

/** One bar per worker (weighted caseload) over the band for their FTE; the "what if" figure as a marker. */
function BalanceChart({
  workers,
  after,
  scaleMax,
}: {
  workers: Worker[];
  after: Map<string, WorkerCaseload> | null;
  scaleMax: number;
}) {
  const { t } = useTranslation();
  const pct = (n: number) => `${Math.min(100, (n / scaleMax) * 100)}%`;
  return (
    <figure className="balance-chart" aria-labelledby="balance-chart-caption">
      <figcaption id="balance-chart-caption" className="muted small">
        {t('balance.chartCaption')}
      </figcaption>
      {workers.map((w) => {
        const next = after?.get(w.userId);
        return (
          <div key={w.userId} className="balance-row">
            <span className="balance-name">{w.displayName}</span>
            <span className="balance-track" aria-hidden="true">
              <span
                className="balance-band"
                style={{
                  left: pct(w.caseload.band.low),
                  width: `calc(${pct(w.caseload.band.high)} - ${pct(w.caseload.band.low)})`,
                }}
              />
              <span
                className={`balance-bar balance-${w.caseload.state}`}
                style={{ width: pct(w.caseload.weighted) }}
              />
              {next && next.weighted !== w.caseload.weighted && (
                <span className="balance-after" style={{ left: pct(next.weighted) }} />
              )}
            </span>
            <span className="balance-figure">{fmt(w.caseload.weighted)}</span>
          </div>
        );
      })}
    </figure>
  );
}

function WorkerCard({
  worker: w,
  after,
  selected,
  onToggle,
}: {
  worker: Worker;
  after: WorkerCaseload | undefined;
  selected: ReadonlySet<string>;
  onToggle: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  // The explanation and the cases are rendered once opened: the view shows the whole team at once.
  const [open, setOpen] = useState(false);
  const weightOf = new Map(w.caseload.cases.map((c) => [c.caseId, c]));
  return (
    <li className="card worker-balance">
      <div className="row-between">
        <div>
          <strong>{w.displayName}</strong>
          <div className="muted small">{t('team.fte', { fte: w.fte.toLocaleString('nl-NL') })}</div>
        </div>
        <span className={`pill ${STATE_PILL[w.caseload.state]}`}>
          {t(`balance.state.${w.caseload.state}`)}
        </span>
      </div>
      <p className="small">
        {t('balance.figure', {
          children: w.caseload.children,
          weighted: fmt(w.caseload.weighted),
          low: fmt(w.caseload.band.low),
          high: fmt(w.caseload.band.high),
        })}
        {after && after.weighted !== w.caseload.weighted && (
          <strong> {t('balance.after', { weighted: fmt(after.weighted) })}</strong>
        )}
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('balance.explain')}</summary>
        {open && (
          <ul className="plain-list balance-cases">
            {w.cases.map((c) => {
              const weighted = weightOf.get(c.caseId);
              return (
                <li key={c.caseId}>
                  <label className="check">
                    <input
                      type="checkbox"
                      value={c.caseId}
                      checked={selected.has(c.caseId)}
                      onChange={() => onToggle(c.caseId)}
                    />
                    <span>
                      {c.name} — <strong>{fmt(weighted?.weight ?? 0)}</strong>
                      <span className="muted small">
                        {' '}
                        (
                        {weighted?.factors
                          .map(
                            (f) =>
                              `${t(`balance.factor.${f.factor}`)} ${f.amount > 0 ? '+' : ''}${fmt(f.amount)}`,
                          )
                          .join(', ')}
                        )
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </details>
    </li>
  );
}
