const INDIA_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** SansPBX writes times as `YYYY-MM-DD HH:mm:ss` with no zone: India time (Asia/Kolkata, UTC+05:30). */
export function formatIndiaTime(date: Date): string {
  const part = Object.fromEntries(INDIA_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
