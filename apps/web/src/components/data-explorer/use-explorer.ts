'use client';

import type { CountResult, PreviewResult, SourceDescription, SourceSummary } from '@connect/connectors';
import type { Definition } from '@connect/core';
import { useCallback, useEffect, useEffectEvent, useMemo, useReducer } from 'react';
import {
  draftDefinition,
  type ExplorerMode,
  explorerReducer,
  initialExplorerModel,
} from './explorer-reducer';
import { queryTemplate } from './query-template';
import { requestJson } from './request-json';
import type { CountView } from './row-count';
import { useCancellable } from './use-cancellable';

/** What the explorer is showing, for a parent that saves it (the cohort builder). */
export interface ExplorerState {
  mode: ExplorerMode;
  /** The editor's current definition (what "Save Cohort" saves). */
  draft: Definition;
  /** The definition the table shows (last applied or run). */
  applied: Definition | null;
  count: { value: number; exact: boolean } | null;
  /** Why the applied definition could not be counted, if it could not. */
  countError: string | null;
}

export type Preview = PreviewResult & { durationMs: number };

/**
 * The data explorer's state and its four reads of the database: the source's
 * description, the page of rows, the estimated count and the exact one. What the
 * user chooses goes through `explorerReducer`; each read follows from it, and a
 * newer read cancels the older one (on the database too).
 */
export function useExplorer({
  connectionId,
  kind,
  queryLanguage,
  source,
  initialDefinition,
  onStateChange,
}: {
  connectionId: string;
  kind: string;
  queryLanguage: 'sql' | 'mongodb-pipeline';
  source: SourceSummary | null;
  initialDefinition?: Definition;
  onStateChange?: (state: ExplorerState) => void;
}) {
  const base = `/api/connections/${connectionId}`;
  const template = queryTemplate(kind, queryLanguage, source?.ref);
  const [model, dispatch] = useReducer(
    explorerReducer,
    { initialDefinition, template },
    initialExplorerModel,
  );

  const describe = useCancellable<SourceDescription>();
  const preview = useCancellable<Preview>();
  const estimate = useCancellable<CountResult>();
  const exact = useCancellable<CountResult>();
  // The hooks' functions are stable; the objects holding them are not.
  const { run: runDescribe, reset: resetDescribe } = describe;
  const { run: runPreview, reset: resetPreview } = preview;
  const { run: runEstimate, reset: resetEstimate } = estimate;
  const { run: runExact, reset: resetExact } = exact;

  // Only another source restarts the explorer: the parent passes a new `source`
  // object on every render, so it is read here rather than depended on.
  const sourceChosen = useEffectEvent(() => {
    dispatch({ type: 'source-changed', source: source && { id: source.id, ref: source.ref }, template });
    // The previous source's fields must not show under this one while these load.
    resetDescribe();
    if (!source) return;
    void runDescribe((signal) =>
      requestJson<{ description: SourceDescription }>(
        'GET',
        `${base}/describe?source=${encodeURIComponent(source.id)}`,
        undefined,
        signal,
      ).then((reply) => reply.description),
    );
  });
  const sourceId = source?.id ?? null;
  useEffect(() => sourceChosen(), [sourceId, base]);

  const { applied, sort, page, pageSize } = model;
  const request = useMemo(
    () => (applied ? { source: model.source?.ref, definition: applied.definition } : null),
    [applied, model.source],
  );

  useEffect(() => {
    if (!request) return void resetPreview();
    void runPreview((signal) =>
      requestJson<Preview>(
        'POST',
        `${base}/preview`,
        { ...request, sort: sort ? [sort] : [], page, pageSize },
        signal,
      ),
    );
  }, [request, sort, page, pageSize, base, runPreview, resetPreview]);

  const countExactly = useCallback(() => {
    if (!request) return;
    void runExact((signal) =>
      requestJson<CountResult>('POST', `${base}/count`, { ...request, exact: true }, signal),
    );
  }, [request, base, runExact]);

  // The estimate first (instant on most databases), then the exact count.
  useEffect(() => {
    resetExact();
    if (!request) return void resetEstimate();
    void runEstimate((signal) =>
      requestJson<CountResult>('POST', `${base}/count`, { ...request, exact: false }, signal),
    ).then((result) => {
      if (result && !result.exact) countExactly();
    });
  }, [request, base, runEstimate, resetEstimate, resetExact, countExactly]);

  const estimated = estimate.status.status === 'done' ? estimate.data : null;
  const counted = exact.status.status === 'done' ? exact.data : null;
  const countView: CountView = {
    estimate: estimated,
    exact: counted ?? (estimated?.exact ? estimated : null),
    estimateStatus: estimate.status,
    exactStatus: exact.status,
    cancelExact: exact.cancel,
    countExact: countExactly,
  };
  const total = countView.exact
    ? { value: countView.exact.count, exact: true }
    : countView.estimate
      ? { value: countView.estimate.count, exact: countView.estimate.exact }
      : null;
  const totalValue = total?.value ?? null;
  const totalExact = total?.exact ?? false;
  const countError = estimate.status.status === 'error' ? estimate.status.message : null;

  const { mode, filterDraft, queryDraft } = model;
  const draft = useMemo(
    () => draftDefinition({ mode, filterDraft, queryDraft }),
    [mode, filterDraft, queryDraft],
  );
  // Not `model` as a whole: the parent hears of what it shows, not of every sort or page turn.
  const state: ExplorerState = useMemo(
    () => ({
      mode,
      draft,
      applied: applied?.definition ?? null,
      count: totalValue === null ? null : { value: totalValue, exact: totalExact },
      countError,
    }),
    [mode, draft, applied, totalValue, totalExact, countError],
  );
  const stateChanged = useEffectEvent((next: ExplorerState) => onStateChange?.(next));
  useEffect(() => stateChanged(state), [state]);

  return { model, dispatch, request, describe, preview, countView, state };
}
