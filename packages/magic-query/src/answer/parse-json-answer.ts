/**
 * The JSON object in a model's reply. Structured outputs give bare JSON; models asked
 * in text often wrap it in a ```json fence or a sentence, so the outermost object is
 * taken from whatever surrounds it.
 */
export function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'the reply was empty' };
  if (!trimmed.includes('{') && !trimmed.startsWith('['))
    return { ok: false, problem: 'the reply has no JSON object' };
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed)?.[1]?.trim();
  const candidates = [trimmed, fenced];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  let problem = 'the reply has no JSON object';
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value };
      problem = 'the reply is JSON but not an object';
    } catch (error) {
      problem = `the reply is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { ok: false, problem };
}
