/**
 * The password piped into `pnpm user:create`, if any: stdin that is not a terminal, without the trailing
 * newline `echo` adds. Undefined for a terminal or an empty pipe (a password is generated then).
 */
export async function readPipedPassword(stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string | undefined> {
  if (stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}
