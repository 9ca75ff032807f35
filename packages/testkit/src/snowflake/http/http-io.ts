import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The request body as JSON. snowflake-sdk gzips bodies, but asynchronously and racing the send
 * (http/base.js sets `Content-Encoding: gzip` in a zlib callback while the uncompressed object may
 * already be on its way), so the header cannot be trusted: the gzip magic bytes decide.
 */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  let body = Buffer.concat(parts);
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
  if (body.length === 0) return {};
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/** A JSON reply; gzip-encoded when the client accepts it and it is worth it, as Snowflake does. */
export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  let payload = Buffer.from(JSON.stringify(body), 'utf8');
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
  if (payload.length > 4096 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    payload = gzipSync(payload, { level: 1 });
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = payload.length;
  response.writeHead(status, headers);
  response.end(payload);
}

export function sendText(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** The token of `Authorization: Snowflake Token="..."`. */
export function snowflakeToken(request: IncomingMessage): string | undefined {
  return /Snowflake Token="([^"]*)"/.exec(String(request.headers.authorization ?? ''))?.[1];
}
