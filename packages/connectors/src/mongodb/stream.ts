import type { Collection, Document } from 'mongodb';
import type { Row } from '../rows/json-safe';
import { documentToRow } from './json-safe-document';

export interface MongoStreamOptions {
  batchSize: number;
  signal?: AbortSignal;
  /** MongoDB counts this across the cursor's batches (server time only, not the consumer's pauses). */
  timeoutMs: number;
  /** Turns a driver error into what the caller should see. */
  fail(error: unknown): unknown;
}

/**
 * Streams an aggregation through one server-side cursor, `batchSize` documents per
 * batch from the server and per yielded batch, so memory holds one batch at a
 * time. The pipeline ends in a sort on a unique key (`_id` last), which MongoDB
 * walks in order: every document comes exactly once. Leaving the loop early
 * (break, throw, abort) kills the cursor on the server.
 */
export async function* streamMongo(
  collection: Collection,
  pipeline: Document[],
  options: MongoStreamOptions,
): AsyncGenerator<Row[]> {
  const cursor = collection.aggregate(pipeline, {
    batchSize: options.batchSize,
    maxTimeMS: options.timeoutMs,
    signal: options.signal,
    promoteValues: false,
    // A sort on an unindexed field may need more than MongoDB's in-memory limit.
    allowDiskUse: true,
  });
  try {
    let batch: Row[] = [];
    // hasNext() fetches the next server batch only when the buffered one is used up.
    while (await cursor.hasNext()) {
      options.signal?.throwIfAborted();
      for (const document of cursor.readBufferedDocuments()) {
        batch.push(documentToRow(document));
        if (batch.length === options.batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw options.fail(error);
  } finally {
    await cursor.close().catch(() => {});
  }
}
