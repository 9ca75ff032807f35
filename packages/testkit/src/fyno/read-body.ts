import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  text: string;
  bytes: number;
  /** The body was over the limit: what was kept is not the whole body, and `text` is empty. */
  tooLarge: boolean;
}

/**
 * Reads a request body up to `maxBytes`. Past the limit it keeps reading but discards, so
 * the client finishes sending and then sees the 413, rather than a reset connection.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  let tooLarge = Number.isFinite(declared) && declared > maxBytes;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return { text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), bytes, tooLarge };
}
