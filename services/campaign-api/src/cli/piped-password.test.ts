import { Readable } from 'node:stream';
import { readPipedPassword } from './piped-password';

describe('readPipedPassword', () => {
  it('reads a piped password without the newline echo adds', async () => {
    expect(await readPipedPassword(Readable.from(['piped secret ', '123\n']))).toBe('piped secret 123');
    expect(await readPipedPassword(Readable.from(['with\r\n']))).toBe('with');
  });

  it('has none for an empty pipe or a terminal, so one is generated', async () => {
    expect(await readPipedPassword(Readable.from([]))).toBeUndefined();
    expect(await readPipedPassword(Object.assign(Readable.from(['typed']), { isTTY: true }))).toBeUndefined();
  });
});
