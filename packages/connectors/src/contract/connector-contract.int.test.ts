/**
 * The connector contract: one suite, run against every kind in `connectorHarnesses`
 * (@connect/testkit). Each harness creates a throwaway database of its kind loaded
 * with the same fixture; every assertion below then holds for every kind, judged
 * against the same expectations computed in JavaScript. Where a kind may
 * legitimately differ, the suite branches on the connector's declared capabilities,
 * visibly, never by skipping.
 */
import {
  AppError,
  fieldTypes,
  operatorsByFieldType,
  type Definition,
  type FieldType,
  type FilterOperator,
} from '@connect/core';
import {
  connectorHarnesses,
  fixtureColumns,
  generateUsers,
  type CustomerDatabase,
  type FixtureUser,
} from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, formatSourceId, openConnector, type Connector } from '../index';
import { collectStream, eventually, previewAllIds, rejectionOf } from './test-support/collect';
import {
  and,
  filterCases,
  refusedFilters,
  rule,
  type GroupJson,
  type RuleJson,
} from './test-support/filter-cases';

const filter = (group: GroupJson): Definition => ({ type: 'filter', filter: group }) as unknown as Definition;
const query = (text: string): Definition => ({ type: 'query', query: text });
const marker = () => `connect_marker_${Math.random().toString(36).slice(2, 10)}`;
const typeOfColumn = new Map<string, FieldType>(fixtureColumns.map((column) => [column.name, column.type]));
const fixtureNames = new Set<string>(fixtureColumns.map((column) => column.name));

/** A refusal of the request itself, as a user would see it. */
function expectConnectorErrorOrInvalid(error: Error & Record<string, unknown>) {
  expect(error, String(error)).toBeInstanceOf(AppError);
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(/continue after a row/);
}

/** Fixture order for a sort: empty values first ascending and last descending, ties by id. */
function sortedIds(
  users: FixtureUser[],
  keys: { field: keyof FixtureUser; direction: 'asc' | 'desc' }[],
): number[] {
  const compare = (a: FixtureUser, b: FixtureUser): number => {
    for (const { field, direction } of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      const sign = direction === 'asc' ? 1 : -1;
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return a.id - b.id;
  };
  return [...users].sort(compare).map((user) => user.id);
}

function expectConnectorError(error: unknown, reason: string): asserts error is ConnectorError {
  expect(error, String(error)).toBeInstanceOf(ConnectorError);
  expect((error as ConnectorError).reason, (error as Error).message).toBe(reason);
}

/** Text folded as a case- and accent-insensitive collation would compare it. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe.each(connectorHarnesses)('$label connector contract', (harness) => {
  // The fixture is deterministic for an anchor, so the cases can be listed before the database exists.
  const anchor = new Date();
  const users = generateUsers({ anchor });
  const cases = filterCases(users);
  let db: CustomerDatabase;
  let connector: Connector;
  let source: CustomerDatabase['usersSource'];

  beforeAll(async () => {
    db = await harness.create({ anchor });
    source = db.usersSource;
    connector = openConnector(harness.kind, db.config);
  });

  afterAll(async () => {
    await connector?.close();
    await db?.drop();
  });

  /** What the kind returns beyond the fixture's columns (MongoDB's `_id` and nested data); none for SQL. */
  const shape = () =>
    db.shape ?? {
      primaryKey: ['id'],
      uniqueFields: ['external_id', 'order'],
      extraFields: [],
      extraColumns: [],
      extraValues: () => ({}),
    };
  /** A fixture column's filter type on this kind: text where the kind has no enum types (Snowflake). */
  const kindType = (type: FieldType): FieldType =>
    type === 'enum' && connector.capabilities.enumFields === false ? 'string' : type;
  /** A fixture user as the connector returns it. */
  const returned = (user: FixtureUser) => ({ ...user, ...shape().extraValues(user) });
  /** A raw query on the fixture's source: SQL names its tables itself, a MongoDB pipeline runs on the source. */
  const raw = (text: string) => ({ source, definition: query(text) });

  describe('the fixture', () => {
    it('is the same data the suite computes its expectations from', () => {
      expect(db.users).toEqual(users);
      expect(users.length).toBeGreaterThanOrEqual(1_000);
    });

    it('has unambiguous text cases: case- and accent-folding collations select the same rows', () => {
      for (const filterCase of cases) {
        const single = filterCase.filter.rules.length === 1 && !filterCase.filter.not;
        const only = single ? (filterCase.filter.rules[0] as RuleJson) : undefined;
        const compared = [
          '=',
          '!=',
          'contains',
          'doesNotContain',
          'beginsWith',
          'doesNotBeginWith',
          'endsWith',
          'doesNotEndWith',
        ];
        if (!only || typeOfColumn.get(only.field) !== 'string' || typeof only.value !== 'string') continue;
        if (!compared.includes(only.operator)) continue;
        const part = only.value;
        const folded = (user: FixtureUser) => {
          const value = user[only.field as keyof FixtureUser] as string | null;
          if (value === null) return false;
          if (only.operator.toLowerCase().includes('contain')) return fold(value).includes(fold(part));
          if (only.operator.toLowerCase().includes('begin')) return fold(value).startsWith(fold(part));
          if (only.operator.toLowerCase().includes('end')) return fold(value).endsWith(fold(part));
          return fold(value) === fold(part);
        };
        const positive = !only.operator.startsWith('doesNot') && only.operator !== '!=';
        const exact = users.filter((user) => filterCase.matches(user, anchor)).map((user) => user.id);
        const loose = users.filter((user) => folded(user) === positive).map((user) => user.id);
        expect(loose, filterCase.title).toEqual(exact);
      }
    });
  });

  describe('connection', () => {
    it('test() reports the server version and a latency', async () => {
      const result = await connector.test();
      expect(result.serverVersion).toMatch(/\d+\.\d+/);
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.latencyMs).toBeLessThan(1_000);
    });

    it('listSources() lists the fixture table, views and other schemas, and hides system schemas', async () => {
      const sources = await connector.listSources();
      const users = sources.find(
        (item) => item.ref.name === source.name && item.ref.schema === source.schema,
      );
      const tableType = connector.capabilities.sourceTypes.includes('collection') ? 'collection' : 'table';
      expect(users).toMatchObject({ type: tableType, id: formatSourceId(users!.ref) });
      if (connector.capabilities.sourceRowEstimates) {
        expect(users!.estimatedRows).toBeGreaterThanOrEqual(500);
        expect(users!.estimatedRows).toBeLessThanOrEqual(2_000);
      } else expect(users!.estimatedRows).toBeNull();
      for (const other of db.otherSources)
        expect(sources, JSON.stringify(other)).toContainEqual(
          expect.objectContaining({ ref: other.ref, type: other.type }),
        );
      const system = ['pg_catalog', 'information_schema', 'pg_toast', 'mysql', 'performance_schema', 'sys'];
      expect(sources.filter((item) => system.includes(item.ref.schema ?? ''))).toEqual([]);
    });

    it('describe() maps every column to its filter type, with key, enum values and array element type', async () => {
      const description = await connector.describe(source);
      const described = (fields: { name: string; type: string; nullable: boolean }[]) =>
        fields.map((field) => [field.name, field.type, field.nullable]);
      expect(described(description.fields.filter((field) => fixtureNames.has(field.name)))).toEqual(
        described(fixtureColumns.map((column) => ({ ...column, type: kindType(column.type) }))),
      );
      // Fields beyond the fixture's columns, in order: MongoDB's _id and nested paths.
      expect(described(description.fields.filter((field) => !fixtureNames.has(field.name)))).toEqual(
        described(shape().extraFields),
      );
      for (const column of [...fixtureColumns, ...shape().extraFields])
        expect(
          description.fields.find((field) => field.name === column.name)?.integer ?? false,
          column.name,
        ).toBe(column.integer ?? false);
      expect(description.primaryKey).toEqual(shape().primaryKey);
      expect(description.uniqueFields).toEqual(expect.arrayContaining(shape().uniqueFields));
      const byName = new Map(description.fields.map((field) => [field.name, field]));
      if (connector.capabilities.enumFields === false) {
        // No enum type to declare the plans with: plain text, no values to offer.
        expect(byName.get('plan')).toMatchObject({ type: 'string' });
        expect(byName.get('plan')?.enumValues).toBeUndefined();
      } else expect(byName.get('plan')?.enumValues).toEqual(['free', 'pro', 'enterprise']);
      expect(byName.get('tags')?.elementType).toBe('string');
      expect(byName.get('external_id')?.format).toBe('uuid');
      expect(description.fields.every((field) => field.filterable)).toBe(true);
    });

    it('describe() of a missing source says so', async () => {
      expectConnectorError(
        await rejectionOf(connector.describe({ ...source, name: 'no_such_table' })),
        'source_not_found',
      );
    });
  });

  describe('filters: every operator of every field type', () => {
    it('the cases cover every operator of every field type', () => {
      const covered = new Set<string>();
      const visit = (group: GroupJson) => {
        for (const node of group.rules) {
          if ('rules' in node) visit(node);
          else covered.add(`${typeOfColumn.get(node.field)}:${node.operator}`);
        }
      };
      for (const filterCase of cases) visit(filterCase.filter);
      const missing = fieldTypes.flatMap((type) =>
        operatorsByFieldType[type]
          .filter((operator: FilterOperator) => !covered.has(`${type}:${operator}`))
          .map((operator) => `${type}:${operator}`),
      );
      expect(missing).toEqual([]);
    });

    it.each(cases)('$title', async (filterCase) => {
      const notSimulated = db.notSimulatedCases?.[filterCase.title];
      if (notSimulated) {
        // The harness's server cannot reproduce this case; the reason is part of the harness.
        expect(notSimulated).not.toBe('');
        return;
      }
      const now = new Date();
      const expected = users.filter((user) => filterCase.matches(user, now)).map((user) => user.id);
      const streamed = await collectStream(
        connector.stream({ source, definition: filter(filterCase.filter) }),
      );
      expect(streamed.rows.map((row) => row.id)).toEqual(expected);
      const counted = await connector.count({ source, definition: filter(filterCase.filter), exact: true });
      expect(counted).toEqual({ count: expected.length, exact: true });
    });

    it.each(refusedFilters)(
      'refuses $title with a message saying what to fix',
      async ({ filter: group, message: withEnums, withoutEnumFields }) => {
        const instead = connector.capabilities.enumFields === false ? withoutEnumFields : undefined;
        if (instead === 'accepted') {
          // Plain text on this kind: the value is valid, and no row holds it.
          const page = await connector.preview({ source, definition: filter(group) });
          expect(page.rows).toEqual([]);
          return;
        }
        const message = instead?.message ?? withEnums;
        const error = await rejectionOf(connector.preview({ source, definition: filter(group) }));
        expectConnectorError(error, 'invalid_filter');
        if (typeof message === 'string') expect(error.message).toBe(message);
        else expect(error.message).toMatch(message);
        expect(Object.keys(error.fieldErrors ?? {})).not.toHaveLength(0);
      },
    );
  });

  describe('sorting and paging', () => {
    it.each([
      { title: 'age ascending (empty first)', keys: [{ field: 'age', direction: 'asc' }] },
      { title: 'age descending (empty last)', keys: [{ field: 'age', direction: 'desc' }] },
      { title: 'signed_up_at descending', keys: [{ field: 'signed_up_at', direction: 'desc' }] },
      { title: '"order" ascending (a reserved word)', keys: [{ field: 'order', direction: 'asc' }] },
      {
        title: 'is_active then score descending',
        keys: [
          { field: 'is_active', direction: 'asc' },
          { field: 'score', direction: 'desc' },
        ],
      },
      { title: 'birthday ascending', keys: [{ field: 'birthday', direction: 'asc' }] },
    ] as const)('sorts by $title, pages never repeat or skip rows', async ({ keys }) => {
      const ids = await previewAllIds(
        connector,
        { source, definition: filter(and()), sort: keys.map((key) => ({ ...key })) },
        100,
      );
      expect(ids).toEqual(sortedIds(users, [...keys]));
    });

    it('sorts text with empty values first and returns every row (order of text follows the collation)', async () => {
      const ids = await previewAllIds(
        connector,
        { source, definition: filter(and()), sort: [{ field: 'email', direction: 'asc' }] },
        250,
      );
      const empty = users.filter((user) => user.email === null).map((user) => user.id);
      expect(ids.slice(0, empty.length).sort((a, b) => a - b)).toEqual(empty);
      expect([...ids].sort((a, b) => a - b)).toEqual(users.map((user) => user.id));
    });

    it('sorts a filtered preview and reports whether more pages exist', async () => {
      const group = and(rule('plan', '=', 'pro'));
      const expected = sortedIds(
        users.filter((user) => user.plan === 'pro'),
        [{ field: 'age', direction: 'desc' }],
      );
      const first = await connector.preview({
        source,
        definition: filter(group),
        sort: [{ field: 'age', direction: 'desc' }],
        pageSize: 20,
      });
      expect(first.rows.map((row) => row.id)).toEqual(expected.slice(0, 20));
      expect(first.hasMore).toBe(expected.length > 20);
      expect(first).toMatchObject({ page: 1, pageSize: 20 });
      const last = Math.ceil(expected.length / 20);
      const end = await connector.preview({
        source,
        definition: filter(group),
        sort: [{ field: 'age', direction: 'desc' }],
        page: last,
        pageSize: 20,
      });
      expect(end.hasMore).toBe(false);
      expect(end.rows.map((row) => row.id)).toEqual(expected.slice((last - 1) * 20));
      const beyond = await connector.preview({
        source,
        definition: filter(group),
        page: last + 1,
        pageSize: 20,
      });
      expect(beyond).toMatchObject({ rows: [], hasMore: false });
    });

    it('pages hold at most 500 rows', async () => {
      const full = await connector.preview({ source, definition: filter(and()), pageSize: 500 });
      expect(full.rows).toHaveLength(500);
      const error = await rejectionOf(
        connector.preview({ source, definition: filter(and()), pageSize: 501 }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error.message).toMatch(/at most 500 rows/);
    });

    it('refuses to sort by a column that does not exist', async () => {
      const error = await rejectionOf(
        connector.preview({ source, definition: filter(and()), sort: [{ field: 'nope', direction: 'asc' }] }),
      );
      expectConnectorError(error, 'invalid_filter');
      expect(error.message).toMatch(/Cannot sort by "nope"/);
    });
  });

  describe('values', () => {
    it('preview returns every value JSON-safe and equal to the fixture, whatever the column type', async () => {
      const page = await connector.preview({ source, definition: filter(and()), pageSize: 500 });
      expect(page.rows).toEqual(users.slice(0, 500).map(returned));
      expect(JSON.parse(JSON.stringify(page.rows))).toEqual(page.rows);
      expect(page.columns.filter((column) => fixtureNames.has(column.name))).toEqual(
        fixtureColumns.map((column) => ({ name: column.name, type: kindType(column.type) })),
      );
      expect(page.columns.filter((column) => !fixtureNames.has(column.name))).toEqual(shape().extraColumns);
      const first = page.rows[0]!;
      expect(typeof first.visits).toBe('string'); // bigint, beyond 2^53 for user 1
      expect(first.visits).toBe('9007199254740993');
      expect(first.signed_up_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  });

  describe('counting', () => {
    it('estimates quickly without counting, or counts exactly when the kind cannot estimate', async () => {
      const all = await connector.count({ source, definition: filter(and()) });
      const filtered = await connector.count({ source, definition: filter(and(rule('plan', '=', 'pro'))) });
      if (connector.capabilities.countEstimate) {
        expect(all.exact).toBe(false);
        expect(all.count).toBeGreaterThanOrEqual(500);
        expect(all.count).toBeLessThanOrEqual(2_000);
        expect(filtered.exact).toBe(false);
        expect(Number.isInteger(filtered.count) && filtered.count >= 0).toBe(true);
      } else {
        expect(all).toEqual({ count: users.length, exact: true });
        expect(filtered).toEqual({ count: users.filter((user) => user.plan === 'pro').length, exact: true });
      }
    });

    it('counts exactly on request', async () => {
      expect(await connector.count({ source, definition: filter(and()), exact: true })).toEqual({
        count: users.length,
        exact: true,
      });
    });
  });

  describe('streaming', () => {
    it('streams every row exactly once, in primary-key order, in batches of at most batchSize', async () => {
      const { rows, batches } = await collectStream(
        connector.stream({ source, definition: filter(and()), batchSize: 128 }),
      );
      expect(rows.map((row) => row.id)).toEqual(users.map((user) => user.id));
      expect(batches.slice(0, -1).every((size) => size === 128)).toBe(true);
      expect(batches.at(-1)).toBeLessThanOrEqual(128);
      expect(rows).toEqual(users.map(returned));
    });

    it('continues a stream after a row (primary-key order), or refuses to where the kind cannot', async () => {
      const sorted = [...users].sort((a, b) => a.id - b.id);
      const cut = sorted[Math.floor(sorted.length / 3)]!;
      const rest = connector.stream({
        source,
        definition: filter(and()),
        batchSize: 100,
        after: { id: cut.id },
      });
      if (connector.capabilities.resumableStreams) {
        const { rows } = await collectStream(rest);
        expect(rows.map((row) => row.id)).toEqual(
          sorted.filter((user) => user.id > cut.id).map((user) => user.id),
        );
        // Only in primary-key order, named by the whole key.
        expectConnectorErrorOrInvalid(
          await rejectionOf(
            collectStream(connector.stream({ source, definition: filter(and()), after: { age: 3 } })),
          ),
        );
      } else expectConnectorErrorOrInvalid(await rejectionOf(collectStream(rest)));
    });

    it('streams in the order of a chosen unique column', async () => {
      const { rows } = await collectStream(
        connector.stream({ source, definition: filter(and()), orderBy: 'order', batchSize: 300 }),
      );
      expect(rows.map((row) => row.order)).toEqual(users.map((user) => user.order).sort((a, b) => a - b));
    });

    it('streams a view without a primary key: every row exactly once', async () => {
      const view = db.otherSources.find(
        (other) => other.type === 'view' && other.ref.name === 'active_users',
      );
      expect(view, 'each harness provides the active_users view').toBeDefined();
      const { rows } = await collectStream(
        connector.stream({ source: view!.ref, definition: filter(and()), batchSize: 97 }),
      );
      const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
      expect(ids).toEqual(users.filter((user) => user.is_active === true).map((user) => user.id));
    });

    it('refuses to order a stream by a column that does not exist', async () => {
      const error = await rejectionOf(
        collectStream(connector.stream({ source, definition: filter(and()), orderBy: 'id desc' })),
      );
      expectConnectorError(error, 'invalid_filter');
    });

    it('stops the query and frees the connection when the consumer leaves early', async () => {
      const tag = marker();
      let taken = 0;
      for await (const batch of connector.stream({ ...raw(db.queries.manyRows(tag)), batchSize: 1_000 })) {
        taken += batch.length;
        break;
      }
      expect(taken).toBe(1_000);
      expect(await eventually(async () => !(await db.isRunning(tag)))).toBe(true);
      // The connection went back clean: the next operations work.
      for (let i = 0; i < 8; i += 1)
        expect((await connector.count({ source, definition: filter(and()), exact: true })).count).toBe(
          users.length,
        );
    });
  });

  describe('raw queries', () => {
    const adults = () => users.filter((user) => user.age !== null && user.age >= 40);

    it('previews, counts and streams a raw query, wrapped as a subquery', async () => {
      const preview = await connector.preview({ ...raw(db.queries.adults), pageSize: 500 });
      expect(preview.columns.map((column) => column.name)).toEqual(['id', 'name', 'age']);
      expect(preview.columns.map((column) => column.type)).toEqual(['number', 'string', 'number']);
      const byId = new Map(
        adults().map((user) => [user.id, { id: user.id, name: user.name, age: user.age }]),
      );
      expect(preview.rows).toHaveLength(Math.min(500, byId.size));
      for (const row of preview.rows) expect(row).toEqual(byId.get(Number(row.id)));
      const all = await collectStream(connector.stream({ ...raw(db.queries.adults), orderBy: 'id' }));
      expect(all.rows).toEqual(adults().map((user) => ({ id: user.id, name: user.name, age: user.age })));
      expect(await connector.count({ ...raw(db.queries.adults), exact: true })).toEqual({
        count: adults().length,
        exact: true,
      });
    });

    it('sorts a raw query by one of its columns', async () => {
      const ids = await previewAllIds(
        connector,
        {
          ...raw(db.queries.adults),
          sort: [
            { field: 'age', direction: 'desc' },
            { field: 'id', direction: 'asc' },
          ],
        },
        200,
      );
      expect(ids).toEqual(sortedIds(adults(), [{ field: 'age', direction: 'desc' }]));
    });

    it('refuses every attempt to write, and the data is unchanged', async () => {
      const before = await db.checksum();
      for (const attempt of db.queries.writes) {
        for (const run of [
          () => connector.preview(raw(attempt.query)),
          () => connector.count({ ...raw(attempt.query), exact: true }),
          () => collectStream(connector.stream(raw(attempt.query))),
        ]) {
          const error = await rejectionOf(run());
          expect(error, attempt.query).toBeInstanceOf(ConnectorError);
          expect(error.reason, `${attempt.query}: ${error.message}`).toBe(attempt.reason);
          if (attempt.reason === 'query_rejected')
            expect(error.message).toMatch(/only reads from your database|one statement|Only SELECT/);
        }
      }
      expect(await db.checksum()).toBe(before);
    });

    it('refuses two statements in one query', async () => {
      const error = await rejectionOf(connector.preview(raw(db.queries.twoStatements)));
      if (connector.capabilities.queryLanguage === 'sql') {
        expectConnectorError(error, 'query_rejected');
        expect(error.message).toBe('Write one statement only; this text has 2 statements separated by ";".');
      } else {
        // A pipeline is one JSON array: a second one after it is a syntax error, located for the user.
        expectConnectorError(error, 'query_failed');
        expect(error.message).toMatch(/line \d+, column \d+/);
      }
    });

    it("passes on the database's own words for a query it cannot run", async () => {
      const error = await rejectionOf(connector.preview(raw(db.queries.syntaxError)));
      expectConnectorError(error, 'query_failed');
      expect(error.message).toMatch(/^The database rejected the query: .+/);
    });
  });

  describe('injection', () => {
    it('treats hostile values as plain values', async () => {
      const before = await db.checksum();
      const hostile = [
        "' OR '1'='1",
        "\\' OR 1=1 -- ",
        "x'); DROP TABLE users; --",
        '" OR ""="',
        '` OR 1=1 #',
        '%',
        '_',
      ];
      for (const value of hostile) {
        for (const operator of ['=', 'contains', 'beginsWith', 'in'] as const) {
          const group = and(rule('name', operator, operator === 'in' ? [value] : value));
          const expected = users.filter((user) => {
            if (user.name === null) return false;
            const name = user.name.toLowerCase();
            if (operator === 'contains') return name.includes(value.toLowerCase());
            if (operator === 'beginsWith') return name.startsWith(value.toLowerCase());
            return user.name === value;
          });
          const { count } = await connector.count({ source, definition: filter(group), exact: true });
          expect(count, `${operator} ${value}`).toBe(expected.length);
        }
      }
      expect(await db.checksum()).toBe(before);
    });

    it('refuses field names, sort keys, sources and operators that are not what they should be', async () => {
      const before = await db.checksum();
      for (const field of ['name" OR "1"="1', 'name` OR 1=1 -- ', 'id; DROP TABLE users', 'NAME', ' name']) {
        const error = await rejectionOf(
          connector.preview({ source, definition: filter(and({ field, operator: '=', value: 'x' })) }),
        );
        expectConnectorError(error, 'invalid_filter');
        expect(error.message).toMatch(/There is no field/);
      }
      for (const field of ['id; DROP TABLE users', 'id desc', '(SELECT 1)']) {
        expectConnectorError(
          await rejectionOf(
            connector.preview({ source, definition: filter(and()), sort: [{ field, direction: 'asc' }] }),
          ),
          'invalid_filter',
        );
      }
      expectConnectorError(
        await rejectionOf(
          connector.preview({
            source: { ...source, name: 'users"; DROP TABLE users; --' },
            definition: filter(and()),
          }),
        ),
        'source_not_found',
      );
      const operator = await rejectionOf(
        connector.preview({
          source,
          definition: filter(and({ field: 'age', operator: '= 1 OR 1=1 --', value: 1 })),
        }),
      );
      expect(operator).toBeInstanceOf(AppError);
      expect(operator.message).toMatch(/Unknown operator/);
      expect(await db.checksum()).toBe(before);
    });
  });

  describe('time limits and cancelling', () => {
    it('stops a query that runs past its time limit, on the database, with a clear message', async () => {
      const tag = marker();
      const started = Date.now();
      const error = await rejectionOf(
        connector.preview({ ...raw(db.queries.sleep(5, tag)), timeoutMs: 500 }),
      );
      expectConnectorError(error, 'timeout');
      expect(error.message).toBe(
        'The query took longer than 0.5 seconds and was stopped on the database. Narrow the filter, or raise the time limit in the connection settings.',
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await eventually(async () => !(await db.isRunning(tag)))).toBe(true);
    });

    it('applies its own time limit to exact counts', async () => {
      const error = await rejectionOf(
        connector.count({ ...raw(db.queries.sleep(5, marker())), exact: true, timeoutMs: 400 }),
      );
      expectConnectorError(error, 'timeout');
    });

    it('cancels a running query when the caller aborts', async () => {
      const tag = marker();
      const controller = new AbortController();
      const started = Date.now();
      const running = connector.preview({ ...raw(db.queries.sleep(10, tag)), signal: controller.signal });
      expect(await eventually(() => db.isRunning(tag), 3_000)).toBe(true);
      controller.abort();
      const error = await rejectionOf(running);
      expect(error.name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(5_000);
      if (connector.capabilities.serverSideCancel) {
        // Cancelled on the server too, not just abandoned by the client.
        expect(await eventually(async () => !(await db.isRunning(tag)), 3_000)).toBe(true);
      } else {
        expect(connector.capabilities.serverSideCancel).toBe(false);
      }
      expect((await connector.count({ source, definition: filter(and()), exact: true })).count).toBe(
        users.length,
      );
    });
  });

  describe('connection errors say what to fix, and never show a password', () => {
    it('an unreachable host', async () => {
      const broken = openConnector(harness.kind, db.failing.unreachable);
      try {
        const error = await rejectionOf(broken.test());
        expectConnectorError(error, 'host_unreachable');
        expect(error.message).toMatch(/127\.0\.0\.1:1\b/);
      } finally {
        await broken.close();
      }
    });

    it('a wrong password', async () => {
      const { wrong, right, wrongPassword } = await db.failing.passwords();
      const broken = openConnector(harness.kind, wrong);
      const working = openConnector(harness.kind, right);
      try {
        const error = await rejectionOf(broken.test());
        expectConnectorError(error, 'auth_failed');
        expect(error.message).toMatch(/password/);
        expect(error.message).not.toContain(wrongPassword);
        expect(JSON.stringify(error)).not.toContain(wrongPassword);
        // The same user with the right password connects: the failure was the password.
        expect((await working.test()).serverVersion).toBeTruthy();
      } finally {
        await broken.close();
        await working.close();
      }
    });

    it('a database that does not exist', async () => {
      const broken = openConnector(harness.kind, db.failing.unknownDatabase);
      try {
        const error = await rejectionOf(broken.listSources());
        expectConnectorError(error, 'unknown_database');
        expect(error.message).toMatch(/_missing/);
      } finally {
        await broken.close();
      }
    });

    it('TLS demanded from a server that offers none', async () => {
      const scenario = db.failing.tlsUnavailable;
      if ('notSimulated' in scenario) {
        expect(scenario.notSimulated).not.toBe('');
        return;
      }
      const broken = openConnector(harness.kind, scenario);
      try {
        const error = await rejectionOf(broken.test());
        expectConnectorError(error, 'tls_unavailable');
        expect(error.message).toMatch(/does not offer encrypted/);
      } finally {
        await broken.close();
      }
    });

    it('a config that is not valid is refused before connecting', () => {
      expect(() => openConnector(harness.kind, { url: 'http://example.com/db' })).toThrow(AppError);
    });
  });
});
