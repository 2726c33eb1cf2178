const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const COLOURS = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];
const PINO_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'service', 'name']);

/**
 * Prints each service's lines prefixed with its name, in its own colour. `pretty` turns a pino JSON line
 * into `time level message key=value`; a line that is not JSON (a stack trace) is printed as it is.
 */
export function createLogPrinter(format: 'pretty' | 'json', width = 18): (instance: string, line: string) => void {
  const colours = new Map<string, number>();
  const useColour = process.stdout.isTTY;
  return (instance, line) => {
    if (!colours.has(instance)) colours.set(instance, COLOURS[colours.size % COLOURS.length] as number);
    const label = instance.padEnd(width);
    const prefix = useColour ? `\x1b[${colours.get(instance)}m${label}\x1b[0m` : label;
    process.stdout.write(`${prefix} | ${format === 'pretty' ? prettify(line) : line}\n`);
  };
}

function prettify(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'number' || typeof entry.time === 'string' ? new Date(entry.time).toISOString().slice(11, 23) : '';
  const level = LEVELS[entry.level as number] ?? String(entry.level ?? '');
  const extras = Object.entries(entry)
    .filter(([key]) => !PINO_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, level, entry.msg ?? '', ...extras].filter((part) => part !== '').join(' ');
}
