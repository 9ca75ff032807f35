/**
 * What Connect sends to Fyno, in Fyno's own field names (FYNO_API.md "Fire one event").
 * These shapes go on the wire unchanged, so they keep Fyno's snake_case.
 */

import type { FynoChannel } from '@connect/core';

// The channel list lives in core: the campaign model and the UI need it too.
export { fynoChannels, type FynoChannel } from '@connect/core';

/** Delivery-report settings; `custom_id` is required whenever `callback` is given. */
export interface FynoCallback {
  custom_id: string;
  custom1?: string;
  custom2?: string;
  custom3?: string;
  enable?: boolean;
  /** Name, or names, of allow-listed delivery-report URLs. */
  allowlist_url?: string | string[];
}

/** One recipient: `to` and/or `distinct_id` (when both are given Fyno merges them, `to` wins). */
export interface FynoRecipient {
  to?: Partial<Record<FynoChannel, string>>;
  distinct_id?: string;
  /** Values for the event template's placeholders. */
  data?: Record<string, unknown>;
  callback?: FynoCallback;
}

/** One event for one recipient: the body of `POST {base}/{WSID}/{version}/event`. */
export interface FynoEventInput extends FynoRecipient {
  event: string;
}

/** Why a recipient cannot be sent, or undefined when it has somewhere to go. */
export function recipientProblem(recipient: FynoRecipient): string | undefined {
  const hasTo = recipient.to !== undefined && Object.keys(recipient.to).length > 0;
  const hasDistinctId = typeof recipient.distinct_id === 'string' && recipient.distinct_id !== '';
  if (!hasTo && !hasDistinctId) return 'needs a destination in "to" or a "distinct_id"';
  if (recipient.callback !== undefined && !recipient.callback.custom_id) {
    return 'has a "callback" without its required "custom_id"';
  }
  return undefined;
}
