import { z } from 'zod';
import type { SettingSource } from '../fyno/fyno-settings';

/**
 * The model behind the Magic Query Generator: any server that speaks the OpenAI
 * chat completions API (a hosted one, or one the company runs itself, such as vLLM,
 * llama.cpp or Ollama), so no customer data has to leave the company.
 */

/** An http(s) URL such as https://api.openai.com/v1 or http://10.0.0.5:8000/v1. */
export const llmBaseUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'The base URL must be an http:// or https:// URL, such as https://api.openai.com/v1');

export const llmModelSchema = z
  .string()
  .trim()
  .min(1, 'Name the model, such as gpt-4.1-mini or qwen2.5-coder:14b')
  .max(200, 'A model name can be at most 200 characters');

/**
 * What the Settings form sends. The API key is write-only: omitted or empty keeps
 * the stored key; `clearApiKey` removes it so the .env value applies again. Empty
 * text clears a field back to its .env value.
 */
export const llmSettingsUpdateSchema = z.object({
  baseUrl: llmBaseUrlSchema.or(z.literal('')).optional(),
  model: llmModelSchema.or(z.literal('')).optional(),
  apiKey: z.string().trim().max(1_000).optional(),
  clearApiKey: z.boolean().optional(),
  /** Send a few distinct values of text fields with a prompt. Off by default: they may be personal data. */
  sendSampleValues: z.boolean().optional(),
});
export type LlmSettingsUpdate = z.infer<typeof llmSettingsUpdateSchema>;

/** The model settings as the browser may see them: never the key itself. */
export interface LlmSettingsView {
  baseUrl: string | null;
  baseUrlSource: SettingSource;
  model: string | null;
  modelSource: SettingSource;
  apiKeySet: boolean;
  apiKeySource: SettingSource;
  sendSampleValues: boolean;
  /** A base URL and a model are set (a key is optional: self-hosted servers often need none). */
  configured: boolean;
}

/** Everything needed to call the model, including the decrypted key: server-side only. */
export interface LlmCredentials {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

/** The values from the environment that apply where Settings leaves a field empty. */
export interface LlmDefaults {
  baseUrl?: string | undefined;
  model?: string | undefined;
  apiKey?: string | undefined;
}

/** The model values from .env, which apply wherever Settings leaves a field empty. */
export const llmEnvShape = {
  LLM_BASE_URL: llmBaseUrlSchema
    .optional()
    .describe('the OpenAI-compatible API base of the Magic Query model, such as https://api.openai.com/v1'),
  LLM_MODEL: z.string().trim().max(200).optional().describe('the model name, such as gpt-4.1-mini'),
  LLM_API_KEY: z
    .string()
    .trim()
    .max(1_000)
    .optional()
    .describe('the API key of the model server, if it needs one'),
  LLM_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(60)
    .describe('how long one Magic Query model call may take, in seconds: a whole number from 1 to 600'),
};

export function llmDefaultsFromEnv(env: {
  LLM_BASE_URL?: string | undefined;
  LLM_MODEL?: string | undefined;
  LLM_API_KEY?: string | undefined;
}): LlmDefaults {
  return { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, apiKey: env.LLM_API_KEY };
}
