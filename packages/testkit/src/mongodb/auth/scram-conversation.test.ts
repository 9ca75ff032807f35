import { describe, expect, it } from 'vitest';
import { ScramConversation } from './scram-conversation';
import { deriveCredential, type StoredUser } from './scram-credentials';

/** The SCRAM-SHA-256 exchange of RFC 7677, section 3, replayed against the server side. */
const RFC_7677 = {
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

function rfcUser(password = 'pencil'): StoredUser {
  const credential = deriveCredential('SCRAM-SHA-256', 'user', password, {
    salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
    iterations: 4096,
  });
  return { username: 'user', db: 'admin', credentials: { 'SCRAM-SHA-256': credential }, roles: [] };
}

function conversation(user: StoredUser): ScramConversation {
  return new ScramConversation(
    'SCRAM-SHA-256',
    (name) => (name === user.username ? user : undefined),
    () => RFC_7677.serverNonce,
  );
}

describe('SCRAM-SHA-256 server', () => {
  it('produces the RFC 7677 server-first and server-final messages', () => {
    const scram = conversation(rfcUser());
    expect(scram.start(RFC_7677.clientFirst)).toBe(RFC_7677.serverFirst);
    expect(scram.finish(RFC_7677.clientFinal).serverFinal).toBe(RFC_7677.serverFinal);
  });

  it('rejects the RFC proof when the stored password differs', () => {
    const scram = conversation(rfcUser('pencil2'));
    scram.start(RFC_7677.clientFirst);
    expect(() => scram.finish(RFC_7677.clientFinal)).toThrow('Authentication failed.');
  });

  it('rejects a tampered nonce, channel binding and unknown users', () => {
    const wrongNonce = conversation(rfcUser());
    wrongNonce.start(RFC_7677.clientFirst);
    expect(() => wrongNonce.finish(RFC_7677.clientFinal.replace('k0,p=', 'k1,p='))).toThrow(
      'Authentication failed.',
    );

    const binding = conversation(rfcUser());
    expect(() => binding.start('p=tls-unique,,n=user,r=abc')).toThrow('Authentication failed.');

    const stranger = conversation(rfcUser());
    expect(() => stranger.start('n,,n=someone,r=abc')).toThrow('Authentication failed.');
  });

  it('accepts a proof only once', () => {
    const scram = conversation(rfcUser());
    scram.start(RFC_7677.clientFirst);
    scram.finish(RFC_7677.clientFinal);
    expect(() => scram.finish(RFC_7677.clientFinal)).toThrow('Authentication failed.');
  });
});
