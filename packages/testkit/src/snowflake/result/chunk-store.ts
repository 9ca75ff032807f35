import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublishedChunks } from '../query/query-replies';
import type { ChunkFile } from './result-writer';

const PREFIX = '/stage/results/';
const KEY_HEADER = 'x-amz-server-side-encryption-customer-key';
const URL_LIFETIME_MS = 6 * 3600 * 1000;

/**
 * Serves result chunks the way Snowflake's result stage (S3) does for snowflake-sdk
 * (services/large_result_set.js): presigned GET URLs with an expiry, the SSE-C key from the
 * query reply's `chunkHeaders` required as a request header, the body gzip-encoded and not
 * labelled JSON (the SDK parses it itself after wrapping it in brackets, chunk.js).
 */
export class ChunkStore {
  private readonly secret = randomBytes(32);
  private readonly files = new Map<string, { path: string; key: string }>();
  downloads = 0;
  bytesServed = 0;

  constructor(private readonly baseUrl: () => string) {}

  publish(queryId: string, chunks: ChunkFile[]): PublishedChunks {
    const key = randomBytes(32).toString('base64');
    const expires = Math.floor((Date.now() + URL_LIFETIME_MS) / 1000);
    const references = chunks.map((chunk, index) => {
      const pathname = `${PREFIX}${queryId}_0/main/data_0_0_${index}`;
      this.files.set(pathname, { path: chunk.path, key });
      const query = new URLSearchParams({
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        'response-content-encoding': 'gzip',
        Expires: String(expires),
        Signature: this.sign(pathname, expires),
      });
      return {
        url: `${this.baseUrl()}${pathname}?${query}`,
        rowCount: chunk.rowCount,
        uncompressedSize: chunk.uncompressedSize,
        compressedSize: chunk.compressedSize,
      };
    });
    return {
      chunks: references,
      qrmk: key,
      chunkHeaders: {
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        [KEY_HEADER]: key,
        'x-amz-server-side-encryption-customer-key-md5': createHash('md5')
          .update(Buffer.from(key, 'base64'))
          .digest('base64'),
      },
    };
  }

  /** Answers a chunk download; false if the path is not a chunk URL. */
  serve(request: IncomingMessage, response: ServerResponse, url: URL): boolean {
    if (!url.pathname.startsWith(PREFIX)) return false;
    const file = this.files.get(url.pathname);
    const expires = Number(url.searchParams.get('Expires'));
    const signature = url.searchParams.get('Signature') ?? '';
    if (!file || !this.validSignature(url.pathname, expires, signature) || expires * 1000 < Date.now()) {
      denied(response, 'AccessDenied', 'Request has expired or the signature does not match');
      return true;
    }
    if (request.headers[KEY_HEADER] !== file.key) {
      denied(response, 'AccessDenied', 'The secret key was invalid for the specified object.');
      return true;
    }
    const stream = createReadStream(file.path);
    stream.on('error', () => denied(response, 'NoSuchKey', 'The specified key does not exist.'));
    stream.once('open', () => {
      response.writeHead(200, { 'Content-Type': 'binary/octet-stream', 'Content-Encoding': 'gzip' });
      stream.on('data', (data) => {
        this.bytesServed += data.length;
      });
      stream.pipe(response);
      response.on('finish', () => {
        this.downloads += 1;
      });
    });
    return true;
  }

  private sign(pathname: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${pathname}\n${expires}`).digest('base64url');
  }

  private validSignature(pathname: string, expires: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(pathname, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function denied(response: ServerResponse, code: string, message: string) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(code === 'NoSuchKey' ? 404 : 403, { 'Content-Type': 'application/xml' });
  response.end(body);
}
