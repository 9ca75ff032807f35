import {
  type ConnectorCapabilities,
  type ConnectorKindInfo,
  connectorKinds,
  type FormField,
  isConnectorKind,
} from '@connect/connectors';
import { AppError } from '@connect/core';

/** What the browser needs to know about a kind of database: plain data, no schemas or factories. */
export interface KindSummary {
  kind: string;
  label: string;
  form: FormField[];
  secretFields: string[];
  capabilities: ConnectorCapabilities;
}

/**
 * Every kind the connectors package registers, for the "Databases" cards and forms.
 * A kind added to the registry shows up here with no change to the web app.
 */
export function kindSummaries(): KindSummary[] {
  return Object.values(connectorKinds).map((info) => ({
    kind: info.kind,
    label: info.label,
    form: info.form,
    secretFields: info.secretFields,
    capabilities: info.capabilities,
  }));
}

/** The registry entry of a kind, or `invalid_input` naming the kinds there are. */
export function kindInfo(kind: string): ConnectorKindInfo {
  if (!isConnectorKind(kind))
    throw new AppError(
      'invalid_input',
      `Unknown kind of database "${kind.slice(0, 40)}". Choose one of: ${Object.keys(connectorKinds).join(', ')}.`,
    );
  return connectorKinds[kind];
}
