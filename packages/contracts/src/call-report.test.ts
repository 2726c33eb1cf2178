import { AGENT_REPORT_MAX_SUMMARY_CHARS, AGENT_REPORT_MAX_TURNS, ZAgentReportSchema } from './call-report';

function issuesOf(input: unknown): string[] {
  const result = ZAgentReportSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the agent report schema', () => {
  it('accepts a full report and a bare transcript', () => {
    const full = {
      transcript: [
        { role: 'agent', text: 'Hello!', atSeconds: 0 },
        { role: 'caller', text: 'Hi.', atSeconds: 1.25 },
      ],
      summary: '  Said hello.  ',
      sentiment: 'mixed',
      successful: false,
      data: { nested: { list: [1, 'two', null] } },
    };
    expect(ZAgentReportSchema.parse(full)).toEqual({ ...full, summary: 'Said hello.' });
    expect(ZAgentReportSchema.parse({ transcript: [] })).toEqual({ transcript: [] });
  });

  it('ignores fields it does not know, so richer reports from other platforms still land', () => {
    expect(ZAgentReportSchema.parse({ transcript: [], call_id: 'x', analysis: { foo: 1 } })).toEqual({ transcript: [] });
  });

  it.each([
    ['a missing transcript', {}, 'transcript'],
    ['a transcript that is not a list', { transcript: 'hello' }, 'transcript'],
    ['an unknown role', { transcript: [{ role: 'system', text: 'x' }] }, 'transcript.0.role'],
    ['a turn without text', { transcript: [{ role: 'agent' }] }, 'transcript.0.text'],
    ['a negative atSeconds', { transcript: [{ role: 'agent', text: 'x', atSeconds: -0.5 }] }, 'transcript.0.atSeconds'],
    ['an unknown sentiment', { transcript: [], sentiment: 'Positive' }, 'sentiment'],
    ['a string verdict', { transcript: [], successful: 'true' }, 'successful'],
    ['data that is a list', { transcript: [], data: [] }, 'data'],
    ['data holding a NUL character', { transcript: [], data: { note: 'a\u0000b' } }, 'data'],
    ['a summary that is too long', { transcript: [], summary: 'x'.repeat(AGENT_REPORT_MAX_SUMMARY_CHARS + 1) }, 'summary'],
  ])('refuses %s, naming the field', (_label, input, field) => {
    expect(issuesOf(input)).toContain(field);
  });

  it('refuses more turns than a call can have', () => {
    const transcript = Array.from({ length: AGENT_REPORT_MAX_TURNS + 1 }, () => ({ role: 'caller', text: 'uh' }));
    expect(issuesOf({ transcript })).toContain('transcript');
  });

  it('drops NUL characters from the text, which Postgres cannot store', () => {
    expect(ZAgentReportSchema.parse({ transcript: [{ role: 'caller', text: 'a\u0000b' }], summary: 'c\u0000d' })).toEqual({
      transcript: [{ role: 'caller', text: 'ab' }],
      summary: 'cd',
    });
  });
});
