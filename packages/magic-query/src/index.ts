export { generateQuery, maxPromptLength } from './generate-query';
export type { GeneratedQuery, GenerateQueryRequest } from './generate-query';
export { testModel } from './llm/test-model';
export type { ModelTestResult } from './llm/test-model';
export { defaultLlmTimeoutMs } from './llm/llm-client';
export { isMagicQueryError, MagicQueryError, magicQueryErrorReasons } from './magic-query-error';
export type { MagicQueryErrorReason } from './magic-query-error';
