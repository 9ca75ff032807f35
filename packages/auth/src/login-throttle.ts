import { AppError } from '@connect/core';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  redis: Redis;
  keyPrefix: string;
  /** Failed attempts for one account before it is locked, and for how long. */
  accountAttempts?: number;
  accountLockSeconds?: number;
  /** Failed attempts from one IP address before it is locked, and for how long. */
  ipAttempts?: number;
  ipLockSeconds?: number;
}

/**
 * Counts failed sign-ins per account and per IP address in Redis, so the limit holds
 * across restarts and across several web processes. A success clears the account's
 * count; the IP count decays on its own.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(options: LoginThrottleOptions) {
    const accountLock = options.accountLockSeconds ?? 15 * 60;
    const ipLock = options.ipLockSeconds ?? 60 * 60;
    this.byAccount = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${options.keyPrefix}:login-fail-account`,
      points: options.accountAttempts ?? 5,
      duration: accountLock,
      blockDuration: accountLock,
    });
    this.byIp = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${options.keyPrefix}:login-fail-ip`,
      points: options.ipAttempts ?? 50,
      duration: ipLock,
      blockDuration: ipLock,
    });
  }

  /** Throws `rate_limited` with the wait time if this account or address is locked. */
  async assertAllowed(account: string, ip: string | null): Promise<void> {
    const [accountState, ipState] = await Promise.all([
      this.byAccount.get(account),
      ip ? this.byIp.get(ip) : Promise.resolve(null),
    ]);
    const waits = [
      lockedFor(accountState, this.byAccount.points),
      lockedFor(ipState, this.byIp.points),
    ].filter((ms): ms is number => ms !== undefined);
    if (waits.length > 0) throw tooManyAttempts(Math.max(...waits));
  }

  /** Records a failed attempt; throws `rate_limited` if this one reached the limit. */
  async recordFailure(account: string, ip: string | null): Promise<void> {
    try {
      await Promise.all([this.byAccount.consume(account), ip ? this.byIp.consume(ip) : null]);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooManyAttempts(error.msBeforeNext);
      throw error;
    }
  }

  async recordSuccess(account: string): Promise<void> {
    await this.byAccount.delete(account);
  }
}

function lockedFor(state: RateLimiterRes | null, points: number): number | undefined {
  return state && state.consumedPoints >= points ? state.msBeforeNext : undefined;
}

function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 90 ? `${seconds} seconds` : `${minutes} minutes`;
  return new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${wait}.`, {
    retryAfterSeconds: seconds,
  });
}
