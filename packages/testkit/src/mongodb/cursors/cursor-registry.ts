import { BSON, Long, type Document } from 'bson';
import { randomBytes } from 'node:crypto';
import { MongoCommandError } from '../command-error';

/** MongoDB's default first batch for find and aggregate. */
export const DEFAULT_FIRST_BATCH = 101;
/** A batch never exceeds this many bytes of documents (maxBsonObjectSize). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** mongod's cursorTimeoutMillis default: idle cursors are reaped after 10 minutes. */
const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  id: bigint;
  namespace: string;
  documents: readonly Document[];
  position: number;
  lastUsed: number;
  noTimeout: boolean;
}

export interface CursorReply {
  id: Long;
  ns: string;
  batch: Document[];
}

/**
 * Server-side cursors. A command's results are computed once and handed out in
 * batches: the first with the command, the rest through `getMore`, each limited by
 * the requested batch size and by 16 MiB. A cursor that is used up, killed, or idle
 * for longer than the timeout is gone, and a later `getMore` gets CursorNotFound.
 */
export class CursorRegistry {
  private readonly cursors = new Map<bigint, OpenCursor>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS) {
    this.reaper = setInterval(() => this.reapIdle(), Math.min(60_000, idleTimeoutMs)).unref();
  }

  get openCount(): number {
    return this.cursors.size;
  }

  /**
   * Opens a cursor over `documents` and returns the first batch. When the first batch
   * holds everything, no cursor is kept and the id is 0, as mongod does.
   */
  open(
    namespace: string,
    documents: readonly Document[],
    batchSize: number | undefined,
    options: { singleBatch?: boolean; noTimeout?: boolean } = {},
  ): CursorReply {
    const cursor: OpenCursor = {
      id: newCursorId(),
      namespace,
      documents,
      position: 0,
      lastUsed: Date.now(),
      noTimeout: options.noTimeout ?? false,
    };
    const batch = takeBatch(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (options.singleBatch || cursor.position >= documents.length) {
      return { id: Long.ZERO, ns: namespace, batch };
    }
    this.cursors.set(cursor.id, cursor);
    return { id: Long.fromBigInt(cursor.id), ns: namespace, batch };
  }

  getMore(id: Long, namespace: string, batchSize: number | undefined): CursorReply {
    const key = id.toBigInt();
    const cursor = this.cursors.get(key);
    if (!cursor) throw new MongoCommandError(43, `cursor id ${id.toString()} not found`);
    if (cursor.namespace !== namespace) {
      throw new MongoCommandError(
        13,
        `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`,
      );
    }
    cursor.lastUsed = Date.now();
    const batch = takeBatch(cursor, batchSize ?? Number.POSITIVE_INFINITY);
    if (cursor.position >= cursor.documents.length) {
      this.cursors.delete(key);
      return { id: Long.ZERO, ns: namespace, batch };
    }
    return { id, ns: namespace, batch };
  }

  /** Kills cursors; returns which ids existed and which did not. */
  kill(ids: readonly Long[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      if (this.cursors.delete(id.toBigInt())) killed.push(id);
      else notFound.push(id);
    }
    return { killed, notFound };
  }

  close(): void {
    clearInterval(this.reaper);
    this.cursors.clear();
  }

  private reapIdle(): void {
    const cutoff = Date.now() - this.idleTimeoutMs;
    for (const [id, cursor] of this.cursors) {
      if (!cursor.noTimeout && cursor.lastUsed < cutoff) this.cursors.delete(id);
    }
  }
}

function takeBatch(cursor: OpenCursor, batchSize: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  while (batch.length < batchSize && cursor.position < cursor.documents.length) {
    const document = cursor.documents[cursor.position]!;
    const size = BSON.calculateObjectSize(document);
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(document);
    bytes += size;
    cursor.position++;
  }
  return batch;
}

/** Cursor ids are random positive 64-bit integers, never 0 (which means "no cursor"). */
function newCursorId(): bigint {
  const id = randomBytes(8).readBigUInt64LE() & 0x7fff_ffff_ffff_ffffn;
  return id === 0n ? 1n : id;
}
