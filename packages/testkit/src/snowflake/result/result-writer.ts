import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';

export type ResultRow = (string | null)[];

/** A result chunk on disk, in Snowflake's format: JSON rows separated by commas, no brackets. */
export interface ChunkFile {
  path: string;
  rowCount: number;
  uncompressedSize: number;
  compressedSize: number;
}

export interface WrittenResult {
  /** The first rows, sent inline as `rowset`. */
  inline: ResultRow[];
  chunks: ChunkFile[];
  total: number;
}

export interface ResultLimits {
  /** JSON bytes of rows sent inline before the rest goes to chunk files. */
  inlineBytes: number;
  /** Uncompressed JSON bytes per chunk file. */
  chunkBytes: number;
}

/**
 * Spills a result the way Snowflake does: a first slice inline, the rest as gzip chunk files the
 * client downloads separately (from S3 there; from this server here, see chunk-route.ts). Rows go
 * to disk as they are read, so a million-row result never sits in this process's memory.
 */
export class ResultWriter {
  private readonly inline: ResultRow[] = [];
  private inlineBytes = 0;
  private readonly chunks: ChunkFile[] = [];
  private current: { gzip: Gzip; file: ChunkFile; done: Promise<unknown>; buffer: string } | null = null;
  private total = 0;
  private spilling = false;

  constructor(
    private readonly directory: string,
    private readonly name: string,
    private readonly limits: ResultLimits,
  ) {}

  async add(row: ResultRow): Promise<void> {
    this.total += 1;
    const json = JSON.stringify(row);
    if (!this.spilling && this.inlineBytes + json.length <= this.limits.inlineBytes) {
      this.inline.push(row);
      this.inlineBytes += json.length + 1;
      return;
    }
    this.spilling = true;
    const chunk = this.current ?? this.openChunk();
    chunk.buffer += chunk.file.rowCount === 0 ? json : `,\n${json}`;
    chunk.file.rowCount += 1;
    if (chunk.buffer.length >= 65_536) await this.flush(chunk);
    if (chunk.file.uncompressedSize + chunk.buffer.length >= this.limits.chunkBytes) await this.closeChunk();
  }

  async finish(): Promise<WrittenResult> {
    await this.closeChunk();
    return { inline: this.inline, chunks: this.chunks, total: this.total };
  }

  /** Removes what was written, for a statement that failed half-way. */
  async discard(): Promise<void> {
    if (this.current) {
      this.current.gzip.end();
      await this.current.done.catch(() => {});
      this.current = null;
    }
    await Promise.all(this.chunks.map((chunk) => rm(chunk.path, { force: true })));
  }

  private openChunk() {
    const file: ChunkFile = {
      path: path.join(this.directory, `${this.name}_${this.chunks.length}.json.gz`),
      rowCount: 0,
      uncompressedSize: 0,
      compressedSize: 0,
    };
    const gzip = createGzip({ level: 1 });
    const output = createWriteStream(file.path);
    gzip.pipe(output);
    const done = once(output, 'close');
    this.current = { gzip, file, done, buffer: '' };
    return this.current;
  }

  private async flush(chunk: NonNullable<ResultWriter['current']>) {
    const bytes = Buffer.from(chunk.buffer, 'utf8');
    chunk.file.uncompressedSize += bytes.length;
    chunk.buffer = '';
    if (!chunk.gzip.write(bytes)) await once(chunk.gzip, 'drain');
  }

  private async closeChunk() {
    const chunk = this.current;
    if (!chunk) return;
    this.current = null;
    await this.flush(chunk);
    chunk.gzip.end();
    await chunk.done;
    chunk.file.compressedSize = (await stat(chunk.file.path)).size;
    this.chunks.push(chunk.file);
  }
}
