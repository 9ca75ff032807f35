export { AppError, appErrorStatus, isAppError } from './errors/app-error';
export type { AppErrorCode, AppErrorOptions } from './errors/app-error';
export { assertUnreachable } from './errors/assert-unreachable';
export {
  can,
  permissionMinimumRole,
  permissionRefusals,
  roleDescriptions,
  roleLabels,
  roles,
} from './access/roles';
export type { Permission, Role } from './access/roles';
export type { Actor } from './access/actor';
export {
  decodeEncryptionKey,
  EnvError,
  envVars,
  fynoDefaultsFromEnv,
  fynoEnvShape,
  parseEnv,
  sharedEnvShape,
} from './config/env';
export {
  defaultFynoApiBase,
  fynoApiBaseSchema,
  fynoSettingsUpdateSchema,
  fynoVersions,
  fynoWorkspaceIdSchema,
} from './fyno/fyno-settings';
export type {
  FynoDefaults,
  FynoSettingsUpdate,
  FynoSettingsView,
  FynoVersion,
  SettingSource,
} from './fyno/fyno-settings';
export {
  llmBaseUrlSchema,
  llmDefaultsFromEnv,
  llmEnvShape,
  llmModelSchema,
  llmSettingsUpdateSchema,
} from './llm/llm-settings';
export type { LlmCredentials, LlmDefaults, LlmSettingsUpdate, LlmSettingsView } from './llm/llm-settings';
export {
  addUserSchema,
  changePasswordSchema,
  displayNameSchema,
  emailSchema,
  minPasswordLength,
  passwordSchema,
  setupOwnerSchema,
  signInSchema,
  updateUserSchema,
} from './access/account-schemas';
export type {
  AddUserInput,
  ChangePasswordInput,
  SetupOwnerInput,
  SignInInput,
  UpdateUserInput,
} from './access/account-schemas';
export { fieldTypeLabels, fieldTypes } from './filter/field-types';
export type { FieldType } from './filter/field-types';
export { filterOperators, operatorAllowed, operatorInfo, operatorsByFieldType } from './filter/operators';
export type { FilterOperator, OperatorInfo, OperatorValueShape } from './filter/operators';
export {
  calendarDateUnits,
  maxRelativeAmount,
  relativeDateUnits,
  relativeDateValueSchema,
} from './filter/relative-dates';
export type { RelativeDateUnit, RelativeDateValue } from './filter/relative-dates';
export {
  filterLimits,
  filterRuleSchema,
  filterSchema,
  isCalendarDay,
  isFilterGroup,
} from './filter/filter-schema';
export type { FilterGroup, FilterRule, FilterScalar, FilterValue } from './filter/filter-schema';
export { definitionSchema, everyRow, maxQueryLength } from './filter/definition';
export type { Definition } from './filter/definition';
export {
  phoneCountries,
  phoneCountryCallingCode,
  phoneCountryName,
  phoneCountrySchema,
  phoneDefaultsFromEnv,
  phoneEnvShape,
  phoneSettingsUpdateSchema,
} from './phone/phone-country';
export type { PhoneCountry, PhoneSettingsUpdate, PhoneSettingsView } from './phone/phone-country';
export { fynoChannelLabels, fynoChannels } from './fyno/fyno-channels';
export type { FynoChannel } from './fyno/fyno-channels';
export { eventCatalogEntrySchema } from './campaign/event-catalog';
export type { EventCatalogEntry, EventCatalogEntryInput } from './campaign/event-catalog';
export {
  campaignInputSchema,
  campaignMappingSchema,
  campaignTypes,
  errorPolicySchema,
} from './campaign/campaign-schema';
export type {
  CampaignInput,
  CampaignMapping,
  CampaignSettings,
  CampaignType,
  ErrorPolicy,
} from './campaign/campaign-schema';
export {
  monthDaySchema,
  recurringScheduleSchema,
  scheduleFrequencies,
  scheduleSpecSchema,
  weekdayNames,
} from './campaign/schedule-spec';
export type {
  MonthDay,
  RecurringSchedule,
  ScheduleFrequency,
  ScheduleSpec,
  ScheduleSpecInput,
} from './campaign/schedule-spec';
export {
  describeSchedule,
  describeScheduleWhen,
  localDateInWords,
  nextRunTimes,
  upcomingRuns,
  zonedInstant,
} from './campaign/schedule-times';
export type { UpcomingRun } from './campaign/schedule-times';
export { currentTimeZoneName, knownTimeZones } from './campaign/time-zone-names';
export { credentialWarningCodes } from './connection/credential-report';
export type {
  CredentialReport,
  CredentialWarning,
  CredentialWarningCode,
  ReadOnlyUserAdvice,
} from './connection/credential-report';
export {
  finishedRunStatuses,
  isRunFinished,
  isRunLive,
  liveRunStatuses,
  runStatuses,
} from './campaign/run-statuses';
export type { RunStatus } from './campaign/run-statuses';
