/** How to start the fake OpenAI-compatible server, and what a test scripts and reads back. */

/** One scripted answer of the fake to a chat completion request. */
export interface FakeOpenAiReply {
  /** The assistant message text. */
  content?: string;
  /** Shorthand for `content: JSON.stringify(json)`. */
  json?: unknown;
  /** A refusal, as OpenAI's structured outputs report one (`message.refusal`, content null). */
  refusal?: string;
  /** Reply with this HTTP status and an OpenAI-style error body instead of a completion. */
  status?: number;
  /** The error message for `status` (default: a generic one for the status). */
  errorMessage?: string;
  /** Wait this long before answering (to make a client time out). Ends early if the client goes away. */
  delayMs?: number;
  /** Default `stop`. */
  finishReason?: 'stop' | 'length' | 'content_filter';
}

export interface FakeOpenAiMessage {
  role: string;
  content: string | null;
}

/** A chat completion request as the fake received it. */
export interface FakeOpenAiRequest {
  at: number;
  /** `Authorization` header, or null. */
  authorization: string | null;
  model: string;
  messages: FakeOpenAiMessage[];
  /** The `response_format` the client asked for, as sent. */
  responseFormat: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } } | null;
  /** The whole parsed request body. */
  body: Record<string, unknown>;
  /** Every message's text joined: what a test searches for grounding and leaks. */
  text: string;
}

export interface FakeOpenAiOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401, as OpenAI answers). */
  apiKey?: string;
  /** Models the server serves (others get 404 model_not_found). Default: any name is accepted. */
  models?: string[];
  /**
   * Whether `response_format: json_schema` is supported (default true). When false the
   * fake answers such requests 400, as servers without structured outputs do.
   */
  structuredOutputs?: boolean;
  /** Answers requests the script has no reply for; without it they get a 500 that names the problem. */
  respond?: (request: FakeOpenAiRequest) => FakeOpenAiReply | Promise<FakeOpenAiReply>;
}

export interface FakeOpenAi {
  /** The API base for clients, such as http://127.0.0.1:41234/v1. */
  baseUrl: string;
  port: number;
  /** Queues replies for the next chat completion requests, in order. */
  script(...replies: FakeOpenAiReply[]): void;
  /** Scripted replies not used yet. */
  pending(): number;
  /** Every chat completion request received, oldest first. */
  requests(): FakeOpenAiRequest[];
  /** Forgets requests and the script. */
  reset(): void;
  close(): Promise<void>;
}
