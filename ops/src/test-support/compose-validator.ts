import { Ajv2019 } from 'ajv/dist/2019.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './repo-root';

/**
 * Formats the compose specification names but JSON Schema does not define; these
 * follow what docker compose accepts.
 */
const composeFormats: Record<string, RegExp> = {
  // Go durations: 10s, 1m30s, 250ms.
  duration: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/,
  // [host_ip:][host_port[-range]:]container_port[-range][/protocol]
  ports: /^((\[?[0-9a-fA-F.:]+\]?:)?([0-9]+(-[0-9]+)?)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  expose: /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F.:]+\/[0-9]{1,3}$/,
};

/** Checks a parsed compose file against the vendored compose specification schema. */
export function composeSchemaValidator() {
  const schema = JSON.parse(readFileSync(repoPath('ops/schemas/compose-spec.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  for (const [name, pattern] of Object.entries(composeFormats)) ajv.addFormat(name, pattern);
  // The draft is Ajv's own default; its meta-schema URL differs in spelling only.
  const { $schema: _, ...body } = schema;
  return ajv.compile(withoutLegacyIds(body) as Record<string, unknown>);
}

/**
 * The schema labels its parts with draft-04 `id` keys ("#/definitions/service"),
 * which Ajv refuses. They are fragment-only, so they change no reference's
 * meaning: dropping them (string values only; a property named "id" is an
 * object) leaves the schema as it was.
 */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

/** docker-compose.yml as docker compose reads it: YAML with `<<` merge keys resolved. */
export function readComposeFile(path = repoPath('docker-compose.yml')): Record<string, unknown> {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as Record<string, unknown>;
}
