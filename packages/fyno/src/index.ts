export { createFynoClient } from './fyno-client';
export type {
  FireBatchChunkResult,
  FireBatchOptions,
  FireBatchResult,
  FireEventResult,
  FireOptions,
  FynoBatchItemResult,
  FynoClient,
  TestEventResult,
} from './fyno-client';
export { defaultRetryPolicy } from './fyno-options';
export type { FynoClientOptions, FynoRetryPolicy } from './fyno-options';
export {
  FynoAuthError,
  FynoBadRequestError,
  FynoError,
  FynoNetworkError,
  FynoPayloadTooLargeError,
  FynoRateLimitError,
  FynoResponseError,
  FynoServerError,
  FynoTimeoutError,
  FynoUnknownEventError,
  isFynoError,
} from './fyno-errors';
export type { FynoErrorKind } from './fyno-errors';
export { fynoChannels } from './fyno-payload';
export type { FynoCallback, FynoChannel, FynoEventInput, FynoRecipient } from './fyno-payload';
export type { FynoBatchReply, FynoChannelResult, FynoEventReply } from './fyno-responses';
export { parseRetryAfter } from './retry-after';
export type { FynoRetryInfo } from './with-retries';
