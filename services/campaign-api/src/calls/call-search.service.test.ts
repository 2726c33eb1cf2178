import { splitHighlights } from './call-search.service';

describe('splitHighlights', () => {
  it("turns ts_headline's marks into matched and plain pieces", () => {
    expect(splitHighlights('the \u0002price\u0003 is \u0002high\u0003, she said')).toEqual([
      { text: 'the ', match: false },
      { text: 'price', match: true },
      { text: ' is ', match: false },
      { text: 'high', match: true },
      { text: ', she said', match: false },
    ]);
  });

  it('keeps text without marks as one plain piece', () => {
    expect(splitHighlights('no match here')).toEqual([{ text: 'no match here', match: false }]);
    expect(splitHighlights('')).toEqual([]);
  });
});
