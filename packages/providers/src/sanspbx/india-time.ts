import { DateTime } from 'luxon';

const INDIA_ZONE = 'Asia/Kolkata';
const SANSPBX_TIME_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm:ss"];

/**
 * SansPBX writes times (`expiry_time`, callback `start_time`/`end_time`) as `YYYY-MM-DD HH:mm:ss` with no
 * zone; they are India time. Returns undefined for text that is not such a time.
 */
export function parseSansPbxTime(text: unknown): Date | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  for (const format of SANSPBX_TIME_FORMATS) {
    const parsed = DateTime.fromFormat(text.trim(), format, { zone: INDIA_ZONE });
    if (parsed.isValid) return parsed.toJSDate();
  }
  return undefined;
}
