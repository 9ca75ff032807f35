import { describe, expect, it } from 'vitest';
import { parseJsonAnswer } from './parse-json-answer';

describe('parseJsonAnswer', () => {
  it('reads bare JSON, fenced JSON and JSON inside a sentence', () => {
    expect(parseJsonAnswer('{"kind":"filter"}')).toEqual({ ok: true, value: { kind: 'filter' } });
    expect(parseJsonAnswer('Here it is:\n```json\n{"kind": "query"}\n```')).toEqual({
      ok: true,
      value: { kind: 'query' },
    });
    expect(parseJsonAnswer('Sure! {"kind": "cannot"} Hope this helps.')).toEqual({
      ok: true,
      value: { kind: 'cannot' },
    });
  });

  it('says what is wrong with anything else, for the repair round', () => {
    expect(parseJsonAnswer('  ')).toEqual({ ok: false, problem: 'the reply was empty' });
    expect(parseJsonAnswer('I think you want people over 40.')).toEqual({
      ok: false,
      problem: 'the reply has no JSON object',
    });
    const broken = parseJsonAnswer('{"kind": "filter", ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problem).toMatch(/^the reply (is not valid JSON|has no JSON object)/);
    expect(parseJsonAnswer('[1, 2]')).toEqual({ ok: false, problem: 'the reply is JSON but not an object' });
  });
});
