import { HEADER_SIZE } from './message-header';

/**
 * Reassembles whole wire messages from the arbitrary chunks a TCP socket delivers.
 * Each message starts with its own int32 length, so the reader buffers until that
 * many bytes are present. A length outside [header size, maxMessageSizeBytes] can
 * only mean a broken or hostile peer; mongod closes such connections, and the
 * caller does the same when `push` throws.
 */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxMessageSizeBytes: number) {}

  /** Adds a chunk and returns every message it completes, in order. */
  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const messages: Buffer[] = [];
    while (this.pendingBytes >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > this.maxMessageSizeBytes) {
        throw new Error(`invalid message length ${length}`);
      }
      if (this.pendingBytes < length) break;
      messages.push(this.take(length));
    }
    return messages;
  }

  private peek(bytes: number): Buffer {
    if (this.pending[0]!.length >= bytes) return this.pending[0]!;
    const joined = Buffer.concat(this.pending);
    this.pending = [joined];
    return joined;
  }

  private take(bytes: number): Buffer {
    const joined = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const message = joined.subarray(0, bytes);
    const rest = joined.subarray(bytes);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return message;
  }
}
