import type { Store } from '@connect/store';
import type { LoginThrottle } from './login-throttle';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteTimeoutMs: number;
  /** `last_seen_at` is written at most this often, to keep reads cheap. */
  touchIntervalMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleTimeoutMs: 12 * 60 * 60 * 1000,
  absoluteTimeoutMs: 7 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
};

/** What every auth operation needs. */
export interface AuthContext {
  store: Store;
  throttle: LoginThrottle;
  policy: SessionPolicy;
}

/** Where a request came from, for rate limits and the audit log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
