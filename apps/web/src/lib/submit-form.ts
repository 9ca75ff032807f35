'use client';

import { notifications } from '@mantine/notifications';
import { ApiError } from './api-client';

export function notifyError(message: string): void {
  notifications.show({ color: 'red', message });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message });
}

/**
 * Runs a form's API call. When the server refuses, its per-field problems go onto the
 * fields and its message is shown (as a notification unless `onError` shows it some
 * other way). Returns the reply, or undefined when the call failed.
 */
export async function submitForm<T>(
  form: { setErrors(errors: Record<string, string>): void },
  request: () => Promise<T>,
  onError: (message: string) => void = notifyError,
): Promise<T | undefined> {
  try {
    return await request();
  } catch (failure) {
    if (failure instanceof ApiError) form.setErrors(failure.fieldErrors);
    onError(failure instanceof Error ? failure.message : 'The request failed. Try again.');
    return undefined;
  }
}
