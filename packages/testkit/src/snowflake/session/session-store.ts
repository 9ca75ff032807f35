import { randomBytes } from 'node:crypto';
import type { ParameterValue } from './session-parameters';

export interface SnowflakeSession {
  id: number;
  /** The Snowflake login name, upper-cased. */
  user: string;
  account: string;
  role: string;
  warehouse: string | null;
  database: string | null;
  schema: string | null;
  parameters: Map<string, ParameterValue>;
  sessionToken: string;
  masterToken: string;
  sessionTokenExpiresAt: number;
  masterTokenExpiresAt: number;
}

export type TokenCheck =
  { ok: true; session: SnowflakeSession } | { ok: false; reason: 'invalid' | 'expired' | 'gone' };

/** Live sessions, looked up by the tokens snowflake-sdk sends as `Snowflake Token="..."`. */
export class SessionStore {
  private nextId = 1_172_562_260_000 + Math.floor(Math.random() * 1000);
  private readonly bySessionToken = new Map<string, SnowflakeSession>();
  private readonly byMasterToken = new Map<string, SnowflakeSession>();
  private readonly closedTokens = new Set<string>();

  constructor(private readonly validity: { sessionSeconds: number; masterSeconds: number }) {}

  get validitySeconds() {
    return this.validity;
  }

  create(
    fields: Omit<
      SnowflakeSession,
      'id' | 'sessionToken' | 'masterToken' | 'sessionTokenExpiresAt' | 'masterTokenExpiresAt'
    >,
  ) {
    const session: SnowflakeSession = {
      ...fields,
      id: this.nextId++,
      sessionToken: '',
      masterToken: newToken('master'),
      sessionTokenExpiresAt: 0,
      masterTokenExpiresAt: Date.now() + this.validity.masterSeconds * 1000,
    };
    this.issueSessionToken(session);
    this.byMasterToken.set(session.masterToken, session);
    return session;
  }

  checkSessionToken(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'invalid' };
    const session = this.bySessionToken.get(token);
    if (!session) return { ok: false, reason: this.closedTokens.has(token) ? 'gone' : 'invalid' };
    if (session.sessionTokenExpiresAt <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, session };
  }

  /** Swaps the session token for a new one (POST /session/token-request, requestType RENEW). */
  renew(masterToken: string | undefined): TokenCheck {
    const session = masterToken ? this.byMasterToken.get(masterToken) : undefined;
    if (!session) return { ok: false, reason: 'invalid' };
    if (session.masterTokenExpiresAt <= Date.now()) return { ok: false, reason: 'expired' };
    this.bySessionToken.delete(session.sessionToken);
    this.issueSessionToken(session);
    return { ok: true, session };
  }

  close(session: SnowflakeSession): void {
    this.bySessionToken.delete(session.sessionToken);
    this.byMasterToken.delete(session.masterToken);
    this.closedTokens.add(session.sessionToken);
  }

  get openCount(): number {
    return this.bySessionToken.size;
  }

  private issueSessionToken(session: SnowflakeSession) {
    session.sessionToken = newToken('session');
    session.sessionTokenExpiresAt = Date.now() + this.validity.sessionSeconds * 1000;
    this.bySessionToken.set(session.sessionToken, session);
  }
}

function newToken(kind: string): string {
  return `ver:1-hint:${kind}-${randomBytes(24).toString('base64url')}`;
}
