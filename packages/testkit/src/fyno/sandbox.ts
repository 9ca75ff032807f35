/**
 * `pnpm fyno:sandbox`: the fake Fyno Cloud on a fixed port, so a person can try Connect
 * without Fyno credentials. It seeds a few sample events, prints the .env values that
 * point Connect at it, and prints what it receives as it arrives.
 */
import { parseArgs } from 'node:util';
import { startFakeFyno } from './fake-fyno';
import { sampleFakeFynoEvents } from './fake-fyno-events';
import type { FakeFynoReceived } from './fake-fyno-ledger';

const { values } = parseArgs({
  // pnpm passes a literal `--` through when called as `pnpm fyno:sandbox -- --port 4011`.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'workspace-id': { type: 'string', default: 'FYSANDBOX1' },
    'api-key': { type: 'string', default: 'sandbox-key' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    `Usage: pnpm fyno:sandbox [--port 4010] [--host 127.0.0.1] [--workspace-id FYSANDBOX1] [--api-key sandbox-key] [--quiet]`,
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(1);
}

const fake = await startFakeFyno({
  port,
  host: values.host,
  workspaceId: values['workspace-id'],
  apiKey: values['api-key'],
  events: sampleFakeFynoEvents,
  onReceive: values.quiet ? undefined : printReceived,
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use. Stop what uses it, or pick another with --port.`
      : `Could not start the fake Fyno: ${String(error)}`,
  );
  process.exit(1);
});

console.log(`Fake Fyno Cloud listening on ${fake.origin}

Put these in .env (or enter them in Settings) to point Connect at it:

FYNO_API_BASE=${fake.baseUrl}
FYNO_WSID=${fake.workspaceId}
FYNO_API_KEY=${fake.apiKey}
FYNO_VERSION=live

Events it knows (channels; placeholders):`);
for (const event of fake.events()) {
  const versions = event.versions?.length === 1 ? `  [${event.versions[0]} only]` : '';
  console.log(
    `  ${event.name.padEnd(14)} ${event.channels.join(', ').padEnd(22)} ${(event.placeholders ?? []).join(', ')}${versions}`,
  );
}
console.log(`
What it received:   curl ${fake.origin}/__fake/received
Delivery counts:    curl ${fake.origin}/__fake/deliveries
Add an event:       curl -X POST ${fake.origin}/__fake/events -H 'content-type: application/json' \\
                      -d '{"name":"my_event","channels":["email"],"placeholders":["name"]}'
All test routes:    curl ${fake.origin}/__fake
Ctrl-C stops it.
`);

function printReceived(records: FakeFynoReceived[]): void {
  const first = records[0];
  if (!first) return;
  const time = new Date(first.receivedAt).toISOString().slice(11, 23);
  const where = first.endpoint === 'bulk' ? `bulk, ${records.length} recipients` : 'single';
  console.log(`${time}  ${first.event} (${first.version}, ${where})`);
  const shown = records.slice(0, 5);
  for (const record of shown) {
    const to = Object.entries(record.dispatched)
      .map(([channel, destination]) => `${channel}:${destination}`)
      .join(' ');
    const data = Object.keys(record.data).length > 0 ? `  data ${JSON.stringify(record.data)}` : '';
    console.log(
      `    ${to || `(no channel of this event in "to"; distinct_id ${record.distinctId ?? '-'})`}${data}`,
    );
  }
  if (records.length > shown.length) console.log(`    ... and ${records.length - shown.length} more`);
}

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
