import { reportScriptFor, scriptedReport } from './report-scripts';

describe('which report a number gets', () => {
  it.each([
    ['+15550000001', 'positive'],
    ['+15550000012', 'neutral'],
    ['+15550000023', 'negative'],
    ['+15550000034', 'unscored'],
    ['+15550000040', 'positive'],
    ['+15550000051', 'neutral'],
    ['+15550000062', 'negative'],
    ['+15550000073', 'unscored'],
    ['+15550000084', 'positive'],
    ['+15550000090', 'neutral'],
    ['+919876543210', 'neutral'],
    ['5', 'positive'],
  ])('%s → %s (second-to-last digit mod 4)', (to, script) => {
    expect(reportScriptFor(to)).toBe(script);
  });
});

describe('a scripted report', () => {
  it('opens with the greeting, alternates agent and caller, and spreads the turns over the talk time', () => {
    const report = scriptedReport('positive', { leadName: 'Ada', greeting: 'Hi Ada.', talkSeconds: 4 });
    expect(report.transcript.map((t) => [t.role, t.atSeconds])).toEqual([
      ['agent', 0],
      ['caller', 1],
      ['agent', 2],
      ['caller', 3],
    ]);
    expect(report.transcript[0]!.text).toBe('Hi Ada.');
    expect(report).toMatchObject({ sentiment: 'positive', successful: true, summary: expect.stringContaining('Ada') });
  });

  it('leaves sentiment and verdict out of the unscored script, for Dialwave to compute', () => {
    const report = scriptedReport('unscored', { leadName: '', greeting: 'Hello.', talkSeconds: 5 });
    expect(report).not.toHaveProperty('sentiment');
    expect(report).not.toHaveProperty('successful');
    expect(report.summary).toMatch(/^The caller /);
  });
});
