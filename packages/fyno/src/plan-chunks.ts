import { createHash } from 'node:crypto';
import { FynoPayloadTooLargeError } from './fyno-errors';
import type { FynoRecipient } from './fyno-payload';

/** One bulk request: a run of consecutive recipients and its exact body. */
export interface PlannedChunk {
  /** 0-based position of this chunk among the batch's chunks. */
  index: number;
  /** Position in the input of the chunk's first recipient. */
  offset: number;
  count: number;
  /** The serialized request body, measured in bytes against the limit. */
  body: string;
  bytes: number;
  /** A short digest of the body, which makes the chunk's idempotency key. */
  digest: string;
}

/**
 * Splits a batch into bulk requests of at most `maxCount` recipients and `maxBytes` bytes of
 * body. Each recipient is serialized once; the body is those strings joined inside the
 * envelope, so what is measured is exactly what is sent. Everything is planned before the
 * first request, so a recipient too large on its own fails the call before anything is sent.
 */
export function planChunks(
  event: string,
  batch: readonly FynoRecipient[],
  maxCount: number,
  maxBytes: number,
): PlannedChunk[] {
  const head = `{"event":${JSON.stringify(event)},"batch":[`;
  const tail = ']}';
  const envelopeBytes = Buffer.byteLength(head) + Buffer.byteLength(tail);

  const chunks: PlannedChunk[] = [];
  let parts: string[] = [];
  let offset = 0;
  let bytes = envelopeBytes;

  const flush = () => {
    if (parts.length === 0) return;
    const body = head + parts.join(',') + tail;
    chunks.push({
      index: chunks.length,
      offset,
      count: parts.length,
      body,
      bytes,
      digest: createHash('sha256').update(body).digest('hex').slice(0, 16),
    });
    offset += parts.length;
    parts = [];
    bytes = envelopeBytes;
  };

  batch.forEach((recipient, i) => {
    const json = JSON.stringify(recipient);
    const itemBytes = Buffer.byteLength(json);
    if (envelopeBytes + itemBytes > maxBytes) {
      throw new FynoPayloadTooLargeError(
        `Recipient ${i + 1} of the batch is ${formatBytes(itemBytes)} on its own, over Fyno's limit of ${formatBytes(maxBytes)} per request. Send less data per recipient.`,
        { itemIndex: i },
      );
    }
    const separator = parts.length > 0 ? 1 : 0;
    if (parts.length >= maxCount || bytes + separator + itemBytes > maxBytes) flush();
    bytes += (parts.length > 0 ? 1 : 0) + itemBytes;
    parts.push(json);
  });
  flush();
  return chunks;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}
