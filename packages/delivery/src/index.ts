export { FynoClientPool } from './fyno-clients';
export { SendRateLimiter } from './send-rate-limiter';
export type { SendRateLimiterOptions } from './send-rate-limiter';
export { normalizeDestination } from './normalize-destination';
export { createRecipientMapper, effectivePhoneCountry, templateData } from './map-recipient';
export type { CohortRow, MappedRecipient } from './map-recipient';
