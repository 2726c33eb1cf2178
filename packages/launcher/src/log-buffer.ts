import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Keeps the last `capacity` lines a process wrote, so a failing test can print what the service said
 * without the test run drowning in every passing test's logs. Optionally mirrors every line to a file.
 */
export class LogBuffer {
  private readonly lines: string[] = [];
  private partial = '';
  private readonly file: WriteStream | undefined;

  constructor(
    private readonly capacity: number,
    filePath?: string,
    private readonly onLine?: (line: string) => void,
  ) {
    if (filePath) {
      mkdirSync(dirname(filePath), { recursive: true });
      this.file = createWriteStream(filePath, { flags: 'a' });
    }
  }

  write(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.push(line);
  }

  /** Flushes a last line that had no newline (a process killed mid-write). */
  flush(): void {
    if (this.partial) this.push(this.partial);
    this.partial = '';
  }

  text(): string {
    return this.lines.join('\n');
  }

  close(): Promise<void> {
    this.flush();
    const file = this.file;
    if (!file) return Promise.resolve();
    return new Promise((resolve) => file.end(resolve));
  }

  private push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
    this.file?.write(`${line}\n`);
    this.onLine?.(line);
  }
}
