import { AppError, type CampaignMapping, type FynoChannel } from '@connect/core';
import type { ConnectorCache } from '@connect/connectors';
import type { TestEventResult } from '@connect/fyno';
import type { Store } from '@connect/store';
import { type FynoClientPool, normalizeDestination, templateData } from '@connect/delivery';

export interface TestTriggerInput {
  workspaceId: string;
  cohortId: string;
  mapping: CampaignMapping;
  /** Where the test goes instead of the first row's own destination. */
  channel: FynoChannel;
  destination: string;
}

export interface TestTriggerResult {
  /** True when Fyno accepted the event. */
  ok: boolean;
  /** Fyno's HTTP status and reply body, verbatim. */
  status: number;
  body: unknown;
  /** Fyno's refusal in plain words, when it refused. */
  message?: string;
  /** The data sent, built from the cohort's first row. */
  sent: { event: string; to: Record<string, string>; data: Record<string, unknown> };
}

/**
 * Fires the campaign's event once, to a test destination, with the template data
 * built from the cohort's first row: what "Trigger Campaign" does before anything
 * is created. Fyno's reply is returned as it came.
 */
export async function testTrigger(
  deps: { store: Store; connectors: ConnectorCache; fyno: FynoClientPool },
  input: TestTriggerInput,
): Promise<TestTriggerResult> {
  const destination = normalizeDestination(input.channel, input.destination);
  if (!destination.ok) {
    throw new AppError('invalid_input', `The test destination is not valid: ${destination.reason}.`, {
      fieldErrors: { destination: `Not a valid ${input.channel} destination` },
    });
  }
  const cohort = await deps.store.cohorts.get(input.workspaceId, input.cohortId);
  const connection = await deps.store.connections.getWithSecrets(input.workspaceId, cohort.connectionId);
  const page = await deps.connectors.use(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) =>
      connector.preview({
        source: cohort.source ?? undefined,
        definition: cohort.definition,
        page: 1,
        pageSize: 1,
      }),
  );
  const firstRow = page.rows[0];
  if (!firstRow)
    throw new AppError(
      'invalid_input',
      'The cohort is empty, so there is no row to take the test data from.',
    );

  const sent = {
    event: input.mapping.eventName,
    to: { [input.channel]: destination.value },
    data: templateData(input.mapping, firstRow),
  };

  const client = await deps.fyno.forWorkspace(input.workspaceId);
  const reply: TestEventResult = await client.testEvent(sent);
  return {
    ok: reply.ok,
    status: reply.status,
    body: reply.body,
    ...(reply.error ? { message: reply.error.message } : {}),
    sent,
  };
}
