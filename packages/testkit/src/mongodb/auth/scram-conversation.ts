import { randomBytes, timingSafeEqual } from 'node:crypto';
import { MongoCommandError } from '../command-error';
import { hash, hmac, type ScramCredential, type ScramMechanism, type StoredUser } from './scram-credentials';

/** mongod reveals nothing about why: unknown user, wrong password and bad proof read alike. */
export function authenticationFailed(): MongoCommandError {
  return new MongoCommandError(18, 'Authentication failed.');
}

/** Printable ASCII except ',' (RFC 5802 `printable`). */
const NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;

/**
 * The server side of one SCRAM exchange (RFC 5802, with RFC 7677 for SHA-256):
 * client-first -> server-first (salt, iterations, combined nonce) -> client-final
 * with the proof -> server-final with the server signature.
 */
export class ScramConversation {
  private expected:
    | { user: StoredUser; credential: ScramCredential; nonce: string; gs2Header: string; authPrefix: string }
    | undefined;
  private finished = false;

  constructor(
    readonly mechanism: ScramMechanism,
    private readonly findUser: (username: string) => StoredUser | undefined,
    private readonly serverNonce: () => string = () => randomBytes(24).toString('base64'),
  ) {}

  /** Handles client-first-message and returns server-first-message. */
  start(clientFirst: string): string {
    // gs2-header: channel binding flag, optional authzid. Neither channel binding
    // ("p=") nor an authorization identity is offered by mongod.
    const headerEnd = nthIndexOf(clientFirst, ',', 2);
    if (headerEnd < 0) throw authenticationFailed();
    const gs2Header = clientFirst.slice(0, headerEnd + 1);
    const [flag, authzid] = gs2Header.split(',');
    if ((flag !== 'n' && flag !== 'y') || authzid !== '') throw authenticationFailed();

    const bare = clientFirst.slice(headerEnd + 1);
    const attributes = bare.split(',');
    if (attributes[0]?.startsWith('m=')) throw authenticationFailed();
    const username = decodeSaslName(attributeValue(attributes[0], 'n'));
    const clientNonce = attributeValue(attributes[1], 'r');
    if (!NONCE.test(clientNonce)) throw authenticationFailed();

    const user = this.findUser(username);
    const credential = user?.credentials[this.mechanism];
    if (!user || !credential) throw authenticationFailed();

    const nonce = clientNonce + this.serverNonce();
    const serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.expected = { user, credential, nonce, gs2Header, authPrefix: `${bare},${serverFirst}` };
    return serverFirst;
  }

  /** Verifies client-final-message and returns server-final-message (`v=`). */
  finish(clientFinal: string): { serverFinal: string; user: StoredUser } {
    const expected = this.expected;
    if (!expected || this.finished) throw authenticationFailed();
    this.finished = true;
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw authenticationFailed();
    const withoutProof = clientFinal.slice(0, proofAt);
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const attributes = withoutProof.split(',');
    const channelBinding = Buffer.from(attributeValue(attributes[0], 'c'), 'base64').toString('utf8');
    const nonce = attributeValue(attributes[1], 'r');
    if (channelBinding !== expected.gs2Header || nonce !== expected.nonce) throw authenticationFailed();

    const authMessage = `${expected.authPrefix},${withoutProof}`;
    const { storedKey, serverKey } = expected.credential;
    const clientSignature = hmac(this.mechanism, storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw authenticationFailed();
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!timingSafeEqual(hash(this.mechanism, clientKey), storedKey)) throw authenticationFailed();

    const serverSignature = hmac(this.mechanism, serverKey, authMessage);
    return { serverFinal: `v=${serverSignature.toString('base64')}`, user: expected.user };
  }
}

function nthIndexOf(text: string, char: string, n: number): number {
  let index = -1;
  for (let i = 0; i < n; i++) {
    index = text.indexOf(char, index + 1);
    if (index < 0) return -1;
  }
  return index;
}

function attributeValue(attribute: string | undefined, name: string): string {
  if (!attribute?.startsWith(`${name}=`)) throw authenticationFailed();
  return attribute.slice(name.length + 1);
}

/** saslname: ',' and '=' travel as "=2C" and "=3D"; any other '=' is malformed. */
function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw authenticationFailed();
  return name.replaceAll('=2C', ',').replaceAll('=3D', '=');
}
