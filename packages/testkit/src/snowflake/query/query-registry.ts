import type { ReplyBody } from './query-replies';
import type { CancelHandle } from './run-postgres';

/** Query states as /monitoring/queries reports them (the SDK's constants/query_status.js). */
export type QueryStatus = 'RUNNING' | 'SUCCESS' | 'FAILED_WITH_ERROR' | 'ABORTED';

export interface QueryRecord {
  id: string;
  requestId: string | undefined;
  sessionId: number;
  sqlText: string;
  status: QueryStatus;
  startedAt: number;
  endedAt: number | undefined;
  reply: Promise<ReplyBody>;
  errorCode: string | undefined;
  errorMessage: string | undefined;
}

const KEEP_FINISHED = 500;

/**
 * Statements by query id, running or finished: what `/queries/{id}/result` polling, async
 * execution, `/monitoring/queries/{id}` and abort requests look up.
 */
export class QueryRegistry {
  private readonly records = new Map<string, QueryRecord & { cancels: CancelHandle[]; aborted: boolean }>();

  start(input: {
    id: string;
    requestId: string | undefined;
    sessionId: number;
    sqlText: string;
    run: (register: (handle: CancelHandle) => void) => Promise<ReplyBody>;
  }): QueryRecord {
    const cancels: CancelHandle[] = [];
    const record = {
      id: input.id,
      requestId: input.requestId,
      sessionId: input.sessionId,
      sqlText: input.sqlText,
      status: 'RUNNING' as QueryStatus,
      startedAt: Date.now(),
      endedAt: undefined as number | undefined,
      errorCode: undefined as string | undefined,
      errorMessage: undefined as string | undefined,
      cancels,
      aborted: false,
      reply: undefined as unknown as Promise<ReplyBody>,
    };
    const register = (handle: CancelHandle) => {
      cancels.push(handle);
      if (record.aborted) handle.cancel();
    };
    record.reply = input.run(register).then((reply) => {
      record.endedAt = Date.now();
      if (reply.success === false) {
        record.errorCode = String(reply.code);
        record.errorMessage = String(reply.message);
        record.status = record.errorCode === '000604' ? 'ABORTED' : 'FAILED_WITH_ERROR';
      } else {
        record.status = 'SUCCESS';
      }
      this.prune();
      return reply;
    });
    this.records.set(record.id, record);
    return record;
  }

  get(id: string): QueryRecord | undefined {
    return this.records.get(id);
  }

  findByRequestId(sessionId: number, requestId: string): QueryRecord | undefined {
    for (const record of this.records.values()) {
      if (record.sessionId === sessionId && record.requestId === requestId) return record;
    }
    return undefined;
  }

  /** Cancels a running statement; false if it is not running. */
  abort(id: string): boolean {
    const record = this.records.get(id);
    if (!record || record.status !== 'RUNNING') return false;
    record.aborted = true;
    for (const handle of record.cancels) handle.cancel();
    return true;
  }

  abortSession(sessionId: number): void {
    for (const record of this.records.values()) {
      if (record.sessionId === sessionId) this.abort(record.id);
    }
  }

  abortAll(): Promise<unknown> {
    const running = [...this.records.values()].filter((record) => record.status === 'RUNNING');
    for (const record of running) this.abort(record.id);
    return Promise.allSettled(running.map((record) => record.reply));
  }

  private prune() {
    const finished = [...this.records.values()].filter((record) => record.status !== 'RUNNING');
    for (const record of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.records.delete(record.id);
    }
  }
}

/** The reply if the statement finishes within `ms`, else undefined (the client will poll). */
export async function replyWithin(record: QueryRecord, ms: number): Promise<ReplyBody | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([record.reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
