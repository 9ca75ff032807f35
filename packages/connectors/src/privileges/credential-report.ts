import type { CredentialReport, CredentialWarning, ReadOnlyUserAdvice } from '@connect/core';
import { isConnectorError } from '../errors/connector-error';

/** The name the read-only-user scripts suggest, unless the current user already has it. */
export function readerName(currentUser: string | undefined, style: 'lower' | 'upper' = 'lower'): string {
  const name = currentUser?.toLowerCase() === 'connect_reader' ? 'connect_read_only' : 'connect_reader';
  return style === 'upper' ? name.toUpperCase() : name;
}

/** "a, b, c and 4 more": a few names of a longer list, for a warning's message. */
export function someOf(names: readonly string[], total = names.length, shown = 3): string {
  const head = names.slice(0, shown);
  const rest = total - head.length;
  if (rest <= 0)
    return head.length <= 1 ? (head[0] ?? '') : `${head.slice(0, -1).join(', ')} and ${head.at(-1)}`;
  return `${head.join(', ')} and ${rest} more`;
}

/** "1 table", "3 tables". */
export function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Runs a kind's privilege check and turns it into a report. A check that fails (the
 * user may not read part of the catalog, a statement times out) does not fail the
 * caller: it becomes one `unknown` warning with the reason, and the advice is still
 * given. Only an abort rejects. `advice` is called after `check`, so it can use names
 * the check found.
 */
export async function inspectSafely(
  signal: AbortSignal | undefined,
  check: () => Promise<CredentialWarning[]>,
  advice: () => ReadOnlyUserAdvice,
): Promise<CredentialReport> {
  let warnings: CredentialWarning[];
  try {
    warnings = await check();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    warnings = [unknownWarning(error)];
  }
  return { warnings, advice: advice(), checkedAt: new Date().toISOString() };
}

/** The warning for a check that could not run; connector messages are safe to show, others are not. */
export function unknownWarning(error: unknown): CredentialWarning {
  const reason = isConnectorError(error)
    ? error.message
    : 'the database did not answer the catalog queries as expected';
  return {
    code: 'unknown',
    message: `Connect could not check what this user may do (${reason.replace(/\.$/, '')}). If it may do more than read, consider a read-only user.`,
  };
}
