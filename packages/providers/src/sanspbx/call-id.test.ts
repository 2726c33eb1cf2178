import { extractSansPbxCallId } from './call-id';

describe('the call id in a dialcall answer', () => {
  it.each([
    ['at the top', { status: 'success', callid: 'api-1-09876543210-1' }],
    ['under msg', { status: 'success', msg: { callid: 'api-1-09876543210-1' } }],
    ['under data.msg', { data: { status: 'success', msg: { callid: 'api-1-09876543210-1' } } }],
    ['under data', { data: { callid: 'api-1-09876543210-1' } }],
  ])('is found %s', (_where, body) => {
    expect(extractSansPbxCallId(body)).toBe('api-1-09876543210-1');
  });

  it('is undefined when no known place holds one', () => {
    expect(extractSansPbxCallId({ status: 'success', msg: 'Call queued' })).toBeUndefined();
    expect(extractSansPbxCallId({ status: 'success', callid: '' })).toBeUndefined();
    expect(extractSansPbxCallId(null)).toBeUndefined();
  });
});
