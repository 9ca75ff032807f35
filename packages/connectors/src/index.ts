export type {
  ConnectionTestResult,
  Connector,
  ConnectorCapabilities,
  ConnectorKind,
  CountRequest,
  CountResult,
  DefinitionRequest,
  FieldDescriptor,
  OperationOptions,
  PreviewColumn,
  PreviewRequest,
  PreviewResult,
  SortKey,
  SourceDescription,
  SourceSummary,
  SourceType,
  StreamRequest,
} from './connector';
export { defaultBatchSize, defaultPageSize, maxBatchSize, maxPageSize } from './connector';
export { connectorKinds, isConnectorKind, openConnector, parseConnectorConfig } from './registry';
export type { ConnectorKindInfo, OpenConnectorOptions } from './registry';
export { ConnectorCache } from './connector-cache';
export type { CachedConnection, ConnectorCacheOptions } from './connector-cache';
export type { FormField } from './config/form-fields';
export { formatSourceId, parseSourceId, sourceLabel, sourceRefSchema } from './source-ref';
export type { SourceRef } from './source-ref';
export { ConnectorError, connectorErrorReasons, isConnectorError } from './errors/connector-error';
export type { ConnectorErrorReason } from './errors/connector-error';
export { checkFilter } from './filter/check-filter';
export type { JsonValue, Row } from './rows/json-safe';
export type { PostgresConfig } from './postgres/config';
export type { MysqlConfig } from './mysql/config';
export type { SnowflakeConfig } from './snowflake/config';
