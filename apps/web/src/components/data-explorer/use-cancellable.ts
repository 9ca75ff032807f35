'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './request-json';

export type RequestStatus =
  | { status: 'idle' }
  | { status: 'running'; startedAt: number }
  | { status: 'done'; tookMs: number }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

/**
 * A request the user can cancel and that a newer one supersedes (the older is
 * aborted, and the server stops its query). Keeps the last successful result while
 * a new request runs, so the table does not flash empty on every page turn.
 */
export function useCancellable<T>() {
  const [status, setStatus] = useState<RequestStatus>({ status: 'idle' });
  const [data, setData] = useState<T | null>(null);
  const current = useRef<AbortController | null>(null);

  const run = useCallback(async (work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    current.current?.abort();
    const mine = new AbortController();
    current.current = mine;
    const startedAt = Date.now();
    setStatus({ status: 'running', startedAt });
    try {
      const result = await work(mine.signal);
      if (current.current !== mine) return undefined;
      setData(result);
      setStatus({ status: 'done', tookMs: Date.now() - startedAt });
      return result;
    } catch (error) {
      if (current.current !== mine) return undefined;
      if (mine.signal.aborted || isAbort(error)) setStatus({ status: 'cancelled' });
      else
        setStatus({
          status: 'error',
          message: error instanceof Error ? error.message : 'The request failed.',
        });
      return undefined;
    }
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  const reset = useCallback(() => {
    current.current?.abort();
    current.current = null;
    setStatus({ status: 'idle' });
    setData(null);
  }, []);

  useEffect(() => () => current.current?.abort(), []);

  return { status, data, run, cancel, reset };
}
