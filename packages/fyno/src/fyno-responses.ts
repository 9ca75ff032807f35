import { z } from 'zod';

/**
 * Fyno's replies, checked with zod so a surprise (a proxy's HTML page, a changed shape)
 * becomes a clear error instead of undefined fields deep in the run pipeline. Objects are
 * loose: fields Fyno adds later pass through untouched.
 */

/** What Fyno did for one channel of one recipient. */
export const fynoChannelResultSchema = z.looseObject({
  destination: z.string(),
  msg_id: z.string(),
  status: z.string(),
});
export type FynoChannelResult = z.infer<typeof fynoChannelResultSchema>;

/** 202 from the single event endpoint; `response` has one entry per dispatched channel. */
export const fynoEventReplySchema = z.looseObject({
  event: z.string(),
  received_time: z.string(),
  request_id: z.string(),
  response: z.record(z.string(), fynoChannelResultSchema),
});
export type FynoEventReply = z.infer<typeof fynoEventReplySchema>;

/** One entry of a bulk reply: its 1-based `seq` in `batch`, and a key per dispatched channel. */
export const fynoBatchItemReplySchema = z.looseObject({
  request_id: z.string(),
  seq: z.number().int().positive(),
});
export type FynoBatchItemReply = z.infer<typeof fynoBatchItemReplySchema> & Record<string, unknown>;

/** 202 from the bulk endpoint; unlike the single endpoint, `received_time` is epoch milliseconds. */
export const fynoBatchReplySchema = z.looseObject({
  event: z.string(),
  received_time: z.number(),
  response: z.array(fynoBatchItemReplySchema),
});
export type FynoBatchReply = z.infer<typeof fynoBatchReplySchema>;

/** Fyno's error body: `{ "status": "error", "_message": "..." }`. */
export const fynoErrorBodySchema = z.looseObject({
  status: z.string().optional(),
  _message: z.string(),
});

/** The channel results of a bulk reply entry: every key except `request_id` and `seq`. */
export function channelsOfBatchItem(item: FynoBatchItemReply): Record<string, FynoChannelResult> {
  const channels: Record<string, FynoChannelResult> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'request_id' || key === 'seq') continue;
    const parsed = fynoChannelResultSchema.safeParse(value);
    if (parsed.success) channels[key] = parsed.data;
  }
  return channels;
}
