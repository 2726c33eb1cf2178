import { analysedDetail, percentOf, sentimentTone, suggestionReasonText } from './sentiment';

describe('sentiment in the console', () => {
  it('says why an agent is suggested', () => {
    expect(suggestionReasonText({ rule: 'positive-conversation', at: '2026-11-12T10:00:00.000Z', sentiment: 'positive' })).toBe(
      'last spoke on 12 Nov, positive',
    );
    expect(suggestionReasonText({ rule: 'last-conversation', at: '2026-11-03T10:00:00.000Z', sentiment: 'neutral' })).toBe(
      'last spoke on 3 Nov, neutral',
    );
    expect(suggestionReasonText({ rule: 'last-conversation', at: '2026-11-03T10:00:00.000Z', sentiment: null })).toBe(
      'last spoke on 3 Nov',
    );
    expect(suggestionReasonText({ rule: 'number-called', at: null, sentiment: null })).toBe("the number's own agent");
    expect(suggestionReasonText(undefined)).toBeNull();
  });

  it('colours, words and shares', () => {
    expect(sentimentTone('negative')).toBe('danger');
    expect(analysedDetail('mixed')).toBe('analysed: mixed');
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(0, 0)).toBeNull();
  });
});
