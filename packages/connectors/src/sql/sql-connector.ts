import { AppError, type CredentialReport, type Definition, type FilterGroup } from '@connect/core';
import type {
  ConnectionTestResult,
  Connector,
  CountRequest,
  CountResult,
  FieldDescriptor,
  OperationOptions,
  PreviewColumn,
  PreviewRequest,
  PreviewResult,
  SourceDescription,
  SourceSummary,
  StreamRequest,
} from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { checkFilter } from '../filter/check-filter';
import { countRequestSchema, parseRequest, previewRequestSchema, streamRequestSchema } from '../requests';
import type { Row } from '../rows/json-safe';
import { formatSourceId, sourceRefSchema, type SourceRef } from '../source-ref';
import { compileWhere } from './compile-where';
import { singleReadStatement } from './raw-sql';
import type { SqlDriver } from './sql-driver';
import { sqlInteger, type SqlParams } from './sql-params';

/** Described sources are reused briefly: a user editing a filter previews many times a minute. */
const describeTtlMs = 30_000;

/** Where the rows of a request come from, compiled. */
interface Plan {
  /** A quoted table, or the raw query wrapped as a subquery. */
  from: string;
  where: string;
  params: SqlParams;
  /** Raw queries only: the statement as the user wrote it, checked to be one read statement. */
  raw?: string;
  /** Table sources only. */
  description?: SourceDescription;
}

/** A column something can be sorted or ordered by. */
interface OrderableColumn {
  name: string;
  nullable: boolean;
}

/**
 * The connector template every SQL kind shares: request validation, filter checking
 * and compilation, raw-query wrapping, sorting, paging and counting, written once
 * over a {@link SqlDriver}'s primitives.
 */
export class SqlConnector implements Connector {
  private readonly described = new Map<string, { expires: number; value: Promise<SourceDescription> }>();

  constructor(private readonly driver: SqlDriver) {}

  get kind() {
    return this.driver.kind;
  }

  get capabilities() {
    return this.driver.capabilities;
  }

  test(options: OperationOptions = {}): Promise<ConnectionTestResult> {
    return this.driver.test({
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.driver.timeouts.queryMs,
    });
  }

  listSources(options: OperationOptions = {}): Promise<SourceSummary[]> {
    return this.driver.listSources({
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.driver.timeouts.queryMs,
    });
  }

  async describe(source: SourceRef, options: OperationOptions = {}): Promise<SourceDescription> {
    const ref = parseRequest(sourceRefSchema, source);
    const description = this.driver.describe(ref, {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.driver.timeouts.queryMs,
    });
    this.remember(ref, description);
    return description;
  }

  async preview(request: PreviewRequest): Promise<PreviewResult> {
    const parsed = parseRequest(previewRequestSchema, request);
    const run = { signal: request.signal, timeoutMs: parsed.timeoutMs ?? this.driver.timeouts.queryMs };
    const plan = await this.plan(parsed.definition, parsed.source, run);
    const orderable = parsed.sort.length > 0 ? await this.orderableColumns(plan, run) : [];
    const terms = parsed.sort.map((key) => this.orderTerm(orderable, key.field, key.direction, 'sort by'));
    // The primary key breaks ties, so pages neither repeat nor skip rows.
    terms.push(
      ...this.tieBreakers(
        plan.description,
        parsed.sort.map((sort) => sort.field),
      ),
    );
    const text =
      `SELECT * FROM ${plan.from} WHERE ${plan.where}${orderBy(terms)}` +
      ` LIMIT ${sqlInteger(parsed.pageSize + 1)} OFFSET ${sqlInteger((parsed.page - 1) * parsed.pageSize)}`;
    const result = await this.driver.query(
      { text, values: plan.params.values, rawStatement: plan.raw },
      { ...run, fields: plan.description?.fields },
    );
    const columns: PreviewColumn[] = plan.description
      ? plan.description.fields.map((field) => ({ name: field.name, type: field.type }))
      : result.columns;
    return {
      columns,
      rows: result.rows.slice(0, parsed.pageSize),
      page: parsed.page,
      pageSize: parsed.pageSize,
      hasMore: result.rows.length > parsed.pageSize,
    };
  }

  async count(request: CountRequest): Promise<CountResult> {
    const parsed = parseRequest(countRequestSchema, request);
    const exact = parsed.exact || !this.driver.capabilities.countEstimate;
    const run = {
      signal: request.signal,
      timeoutMs: parsed.timeoutMs ?? (exact ? this.driver.timeouts.countMs : this.driver.timeouts.queryMs),
    };
    const plan = await this.plan(parsed.definition, parsed.source, run);
    if (!exact) {
      const estimate = await this.driver.estimate(
        {
          text: `SELECT * FROM ${plan.from} WHERE ${plan.where}`,
          values: plan.params.values,
          rawStatement: plan.raw,
        },
        run,
      );
      return { count: Math.max(0, Math.round(estimate)), exact: false };
    }
    const result = await this.driver.query(
      {
        // Quoted: Snowflake folds an unquoted alias to upper case.
        text: `SELECT count(*) AS ${this.driver.dialect.quoteIdentifier('connect_count')} FROM ${plan.from} WHERE ${plan.where}`,
        values: plan.params.values,
        rawStatement: plan.raw,
      },
      run,
    );
    return { count: Number(result.rows[0]?.connect_count ?? 0), exact: true };
  }

  async *stream(request: StreamRequest): AsyncIterable<Row[]> {
    const parsed = parseRequest(streamRequestSchema, request);
    const run = { signal: request.signal, timeoutMs: parsed.timeoutMs ?? this.driver.timeouts.queryMs };
    const plan = await this.plan(parsed.definition, parsed.source, run);
    const terms: string[] = [];
    const ordered: string[] = [];
    if (parsed.orderBy !== undefined) {
      const orderable = await this.orderableColumns(plan, run);
      if (plan.description) {
        const unique = [...plan.description.primaryKey, ...plan.description.uniqueFields];
        if (
          !unique.includes(parsed.orderBy) &&
          plan.description.primaryKey.length === 0 &&
          this.driver.keylessOrder !== 'all-columns'
        )
          throw new AppError(
            'invalid_input',
            `Rows can only be streamed in the order of a unique field; ${parsed.orderBy} may repeat. Choose one of: ${unique.join(', ') || 'none (this source has no unique field)'}.`,
          );
      }
      terms.push(this.orderTerm(orderable, parsed.orderBy, 'asc', 'order by'));
      ordered.push(parsed.orderBy);
    } else if (
      plan.description &&
      plan.description.primaryKey.length === 0 &&
      plan.description.uniqueFields[0]
    ) {
      const name = plan.description.uniqueFields[0];
      const nullable = plan.description.fields.find((field) => field.name === name)?.nullable ?? true;
      terms.push(this.driver.dialect.orderTerm(this.driver.dialect.quoteIdentifier(name), 'asc', nullable));
      ordered.push(name);
    }
    // The primary key makes any order total (and is the order when none is chosen).
    terms.push(...this.tieBreakers(plan.description, ordered));
    const where = parsed.after
      ? `(${plan.where}) AND ${this.afterKey(plan, parsed.after, parsed.orderBy)}`
      : plan.where;
    yield* this.driver.stream(
      {
        text: `SELECT * FROM ${plan.from} WHERE ${where}${orderBy(terms)}`,
        values: plan.params.values,
        rawStatement: plan.raw,
      },
      {
        signal: request.signal,
        timeoutMs: parsed.timeoutMs ?? this.driver.timeouts.streamMs,
        batchSize: parsed.batchSize,
        fields: plan.description?.fields,
      },
    );
  }

  inspectPrivileges(options: OperationOptions = {}): Promise<CredentialReport> {
    return this.driver.inspectPrivileges({
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.driver.timeouts.queryMs,
    });
  }

  async close(): Promise<void> {
    this.described.clear();
    await this.driver.close();
  }

  private remember(ref: SourceRef, value: Promise<SourceDescription>) {
    const key = formatSourceId(ref);
    this.described.set(key, { expires: Date.now() + describeTtlMs, value });
    value.catch(() => this.described.delete(key));
  }

  private describeCached(ref: SourceRef, options: OperationOptions): Promise<SourceDescription> {
    const cached = this.described.get(formatSourceId(ref));
    if (cached && cached.expires > Date.now()) return cached.value;
    return this.describe(ref, options);
  }

  private async plan(
    definition: Definition,
    source: SourceRef | undefined,
    run: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<Plan> {
    const params = this.driver.dialect.params();
    if (definition.type === 'query') {
      const { dialect } = this.driver;
      const text = dialect.prepareRawQuery ? dialect.prepareRawQuery(definition.query) : definition.query;
      const statement = singleReadStatement(text, dialect.splitter);
      // Newlines keep a trailing -- comment in the user's text from swallowing the closing parenthesis.
      return { from: `(\n${statement}\n) AS connect_query`, where: 'TRUE', params, raw: statement };
    }
    if (!source) throw new AppError('invalid_input', 'Choose a table to filter.');
    const description = await this.describeCached(source, run);
    const where = compileWhere(
      checkFilter(definition.filter as FilterGroup, description.fields),
      this.driver.dialect,
      params,
    );
    return { from: this.driver.dialect.quoteSource(description.ref), where, params, description };
  }

  /**
   * The condition "after this row in primary-key order", written out as
   * `a > $1 OR (a = $1 AND b > $2)` so every dialect reads it; values are bound.
   */
  private afterKey(plan: Plan, after: Record<string, string | number>, orderBy: string | undefined): string {
    const key = plan.description?.primaryKey ?? [];
    const given = Object.keys(after);
    if (
      !this.driver.capabilities.resumableStreams ||
      orderBy !== undefined ||
      key.length === 0 ||
      given.length !== key.length ||
      !key.every((name) => given.includes(name))
    )
      throw new AppError(
        'invalid_input',
        `A stream can continue after a row only in the primary-key order of a table that has one${key.length > 0 ? ` (${key.join(', ')})` : ''}.`,
      );
    const { dialect } = this.driver;
    const column = (name: string) => dialect.quoteIdentifier(name);
    const alternatives = key.map((name, index) => {
      const equal = key
        .slice(0, index)
        .map((earlier) => `${column(earlier)} = ${plan.params.add(after[earlier])}`);
      return `(${[...equal, `${column(name)} > ${plan.params.add(after[name])}`].join(' AND ')})`;
    });
    return `(${alternatives.join(' OR ')})`;
  }

  /** What a request may sort or order by: described fields, or a raw query's result columns. */
  private async orderableColumns(
    plan: Plan,
    run: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<OrderableColumn[]> {
    if (plan.description)
      return plan.description.fields
        .filter((field: FieldDescriptor) => field.type !== 'json' && field.type !== 'array')
        .map((field) => ({ name: field.name, nullable: field.nullable }));
    // A raw query's columns are known only by asking the database (no rows are read).
    const probe = await this.driver.query(
      { text: `SELECT * FROM ${plan.from} LIMIT 0`, values: [], rawStatement: plan.raw },
      run,
    );
    return probe.columns.map((column) => ({ name: column.name, nullable: true }));
  }

  /**
   * ORDER BY terms that make the order of a table source total, after the `ordered`
   * columns: its primary key, or for a keyless source on a driver that asks for it
   * (see {@link SqlDriver.keylessOrder}) every sortable column. None for raw queries.
   */
  private tieBreakers(description: SourceDescription | undefined, ordered: string[]): string[] {
    if (!description) return [];
    const { dialect } = this.driver;
    if (description.primaryKey.length > 0 || this.driver.keylessOrder !== 'all-columns')
      return description.primaryKey
        .filter((key) => !ordered.includes(key))
        .map((key) => dialect.orderTerm(dialect.quoteIdentifier(key), 'asc', false));
    return description.fields
      .filter((field) => field.filterable && field.type !== 'json' && field.type !== 'array')
      .filter((field) => !ordered.includes(field.name))
      .map((field) => dialect.orderTerm(dialect.quoteIdentifier(field.name), 'asc', field.nullable));
  }

  private orderTerm(
    columns: OrderableColumn[],
    name: string,
    direction: 'asc' | 'desc',
    verb: string,
  ): string {
    const column = columns.find((candidate) => candidate.name === name);
    if (!column)
      throw new ConnectorError(
        'invalid_filter',
        `Cannot ${verb} "${name.slice(0, 80)}": there is no such sortable column.`,
      );
    return this.driver.dialect.orderTerm(
      this.driver.dialect.quoteIdentifier(column.name),
      direction,
      column.nullable,
    );
  }
}

function orderBy(terms: string[]): string {
  return terms.length > 0 ? ` ORDER BY ${terms.join(', ')}` : '';
}
