import type { FynoChannel } from '@connect/core';

/** Why one mapped channel of a row could not be used. */
export interface ChannelProblem {
  channel: FynoChannel;
  /** From `normalizeDestination`, e.g. "no email" or "sms number has no country code". */
  reason: string;
  /** The value as read when there was one and it was refused (null when the column was empty). */
  rejected: string | null;
}

/**
 * The one reason a row is left out, used by both the dry run and the run so their
 * counts agree. It names every mapped channel's problem in a fixed order (by channel
 * name): the campaign's mapping is stored as jsonb, which reorders its keys, so
 * "the first problem in mapping order" differed between a dry run (the browser's
 * order) and a run (the database's order) for the same rows. Values stay out of the
 * reason so rows with the same problems are counted together; the refused values
 * are kept apart, per channel (`rejectedValues`).
 */
export function leaveOutReason(
  problems: readonly ChannelProblem[],
  options: { distinctIdMapped: boolean },
): string {
  const parts = [...problems]
    .sort((a, b) => a.channel.localeCompare(b.channel))
    .map((problem) => problem.reason);
  if (options.distinctIdMapped) parts.push('no distinct_id');
  return parts.length > 0 ? parts.join('; ') : 'no destination';
}

/** The values a left-out row refused, by channel, or null when every mapped column was empty. */
export function rejectedValues(
  problems: readonly ChannelProblem[],
): Partial<Record<FynoChannel, string>> | null {
  const rejected: Partial<Record<FynoChannel, string>> = {};
  for (const problem of problems) if (problem.rejected !== null) rejected[problem.channel] = problem.rejected;
  return Object.keys(rejected).length > 0 ? rejected : null;
}
