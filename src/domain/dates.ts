/**
 * UK dates: parsing what analysts and published records write, Excel serial numbers both ways,
 * and display as dd/mm/yyyy. Pure and time-zone free: a date is a calendar day, never an instant.
 */

export interface CalendarDate {
  y: number;
  /** 1-12 */
  m: number;
  /** 1-31 */
  d: number;
}

export interface DateParse {
  /** The day meant, or null when the text is not a date. */
  date: CalendarDate | null;
  /** True when the text named a period (a month or a quarter) and the date is its last day. */
  approximate: boolean;
  /** Set when the text can mean two different periods; the date is the first reading. */
  ambiguity: string | null;
  /** Set when the text is not a date (or is out of range): a plain-English reason. */
  error: string | null;
  /** A time of day the input carried ("14:30"), dropped: the tracker keeps days. */
  timeDropped?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in its 1900 date system, counted so that serial 61 is 1 March 1900. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Excel's day 60: 29 February 1900, a day that never was, kept for Lotus 1-2-3's sake. */
const EXCEL_LEAP_DAY: CalendarDate = { y: 1900, m: 2, d: 29 };
const isExcelLeapDay = (d: CalendarDate) => d.y === 1900 && d.m === 2 && d.d === 29;

/** A real day from 1 January 1900, or Excel's fictitious 29/02/1900 (its serial 60). */
export function isValidDate(d: CalendarDate): boolean {
  if (isExcelLeapDay(d)) return true;
  return (
    Number.isInteger(d.y) &&
    Number.isInteger(d.m) &&
    Number.isInteger(d.d) &&
    d.y >= 1900 &&
    d.y <= 9999 &&
    d.m >= 1 &&
    d.m <= 12 &&
    d.d >= 1 &&
    d.d <= daysInMonth(d.y, d.m)
  );
}

/**
 * Calendar date to Excel serial, exactly as Excel's 1900 date system counts: 1 January 1900 is
 * 1, 28 February 1900 is 59, the fictitious 29 February 1900 is 60 and 1 March 1900 is 61.
 */
export function toExcelSerial(d: CalendarDate): number {
  if (isExcelLeapDay(d)) return 60;
  const n = Math.round((Date.UTC(d.y, d.m - 1, d.d) - EXCEL_EPOCH_UTC) / MS_PER_DAY);
  // Before March 1900 Excel has not yet counted its extra day.
  return n < 61 ? n - 1 : n;
}

/** Excel serial (1 or more) to calendar date, as Excel shows it; any time part is dropped. */
export function fromExcelSerial(serial: number): CalendarDate {
  const n = Math.floor(serial);
  if (n === 60) return { ...EXCEL_LEAP_DAY };
  const t = EXCEL_EPOCH_UTC + (n > 0 && n < 60 ? n + 1 : n) * MS_PER_DAY;
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** The time of day an Excel serial carries ("14:30"), or null at midnight. */
export function timeOfSerial(serial: number): string | null {
  const minutes = Math.round((serial - Math.floor(serial)) * 24 * 60);
  if (minutes === 0 || minutes === 24 * 60) return null;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromExcelSerial(toExcelSerial(d) + days);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * A number format that shows a date: a d or y code outside quotes, escapes and brackets (an m
 * alone may be minutes).
 */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .toLowerCase();
  return /[dy]/.test(bare);
}

/** dd/mm/yyyy, as the interface shows every date. */
export function formatUk(d: CalendarDate): string {
  return `${pad(d.d)}/${pad(d.m)}/${pad(d.y, 4)}`;
}

/** YYYY-MM-DD, as JSON output carries dates. */
export function formatIso(d: CalendarDate): string {
  return `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
}

/** Parse YYYY-MM-DD strictly (command-line options); null if not a valid date. */
export function parseIso(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = { y: +m[1], m: +m[2], d: +m[3] };
  return isValidDate(d) ? d : null;
}

/** A JavaScript Date's local calendar day (for "today" in the pane or on the command line). */
export function calendarDateOf(dt: Date): CalendarDate {
  return { y: dt.getFullYear(), m: dt.getMonth() + 1, d: dt.getDate() };
}

function twoDigitYear(y: number): number {
  // 25 -> 2025, 99 -> 1999: a tracker's dates sit within a few decades of now.
  return y < 70 ? 2000 + y : 1900 + y;
}

function ok(date: CalendarDate, approximate = false, ambiguity: string | null = null): DateParse {
  if (!isValidDate(date)) return fail(`${formatUk(date)} is not a real date`);
  return { date, approximate, ambiguity, error: null };
}

function withTime(p: DateParse, time: string | null): DateParse {
  return p.date && time ? { ...p, timeDropped: time } : p;
}

function fail(error: string): DateParse {
  return { date: null, approximate: false, ambiguity: null, error };
}

function endOfMonth(y: number, m: number): CalendarDate {
  return { y, m, d: daysInMonth(y, m) };
}

/**
 * Parse a date as UK analysts and published records write it.
 * Accepts an Excel serial number, dd/mm/yyyy (also - and . separators, 2-digit years), ISO
 * yyyy-mm-dd, "31 March 2025", "2nd March 2017", "10 Apr 2019", "March 31, 2025", month-only
 * ("Mar-26", "March 2026") and quarters ("Q4 2025/26" financial; "Q4 2025" ambiguous) as the
 * period's last day, flagged approximate.
 */
export function parseUkDate(input: unknown): DateParse {
  if (input === null || input === undefined) return fail("No date given");
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 1 || input >= 2958466) {
      return fail(`${input} is not a date serial number`);
    }
    return withTime(ok(fromExcelSerial(input)), timeOfSerial(input));
  }
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return fail("Not a date");
    return ok({ y: input.getUTCFullYear(), m: input.getUTCMonth() + 1, d: input.getUTCDate() });
  }
  const raw = String(input);
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "") return fail("No date given");
  const lower = text.toLowerCase();
  let m: RegExpExecArray | null;

  // dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text))) {
    const y = m[3].length === 2 ? twoDigitYear(+m[3]) : +m[3];
    return ok({ y, m: +m[2], d: +m[1] });
  }
  // ISO yyyy-mm-dd, optionally with a time, which is dropped and said
  if (
    (m =
      /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
        text
      ))
  ) {
    const time =
      m[4] !== undefined && (+m[4] !== 0 || +m[5] !== 0) ? `${pad(+m[4])}:${m[5]}` : null;
    return withTime(ok({ y: +m[1], m: +m[2], d: +m[3] }), time);
  }
  // yyyy/mm/dd
  if ((m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text))) {
    return ok({ y: +m[1], m: +m[2], d: +m[3] });
  }
  // 31 March 2025, 2nd March 2017, 10 Apr 2019, 31-Mar-2025, 1st of May 2024, Monday 3 June 2024
  if (
    (m = /^(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -]([a-z]+)\.?,?[ -](\d{2}|\d{4})$/.exec(
      lower
    ))
  ) {
    const month = MONTHS[m[2]];
    if (month) {
      const y = m[3].length === 2 ? twoDigitYear(+m[3]) : +m[3];
      return ok({ y, m: month, d: +m[1] });
    }
  }
  // March 31, 2025 / March 31st 2025
  if ((m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(lower))) {
    const month = MONTHS[m[1]];
    if (month) return ok({ y: +m[3], m: month, d: +m[2] });
  }
  // Month only: Mar-26, Mar 26, March 2026, Mar-2026, 03/2026
  if ((m = /^([a-z]+)\.?[ '’-]+(\d{2}|\d{4})$/.exec(lower))) {
    const month = MONTHS[m[1]];
    if (month) {
      const y = m[2].length === 2 ? twoDigitYear(+m[2]) : +m[2];
      return ok(endOfMonth(y, month), true);
    }
  }
  if ((m = /^(\d{1,2})\/(\d{4})$/.exec(text))) {
    const month = +m[1];
    if (month >= 1 && month <= 12) return ok(endOfMonth(+m[2], month), true);
  }
  // Financial quarter: Q4 2025/26, Q1 2025-26, Q4 FY2025/26, 2025/26 Q4
  const fq =
    /^q([1-4]) ?(?:fy ?)?(\d{4})[/-](\d{2}|\d{4})$/.exec(lower) ??
    ((r) => (r ? [r[0], r[3], r[1], r[2]] : null))(
      /^(?:fy ?)?(\d{4})[/-](\d{2}|\d{4}) ?q([1-4])$/.exec(lower)
    );
  if (fq) {
    m = fq as RegExpExecArray;
    const q = +m[1];
    const start = +m[2];
    const endText = m[3];
    const end = endText.length === 2 ? Math.floor(start / 100) * 100 + +endText : +endText;
    if (end !== start + 1 && !(endText.length === 2 && (start + 1) % 100 === +endText)) {
      return fail(`'${raw}' is not a financial year (the second year should follow the first)`);
    }
    // April-March year: Q1 ends 30 June of the first year, Q4 ends 31 March of the second.
    const ends: CalendarDate[] = [
      endOfMonth(start, 6),
      endOfMonth(start, 9),
      endOfMonth(start, 12),
      endOfMonth(start + 1, 3),
    ];
    return ok(ends[q - 1], true);
  }
  // Calendar quarter written without a financial year: Q4 2025 (ambiguous)
  if ((m = /^q([1-4]) ?(\d{4})$/.exec(lower)) || (m = /^(\d{4}) ?q([1-4])$/.exec(lower))) {
    const q = /^q/.test(lower) ? +m[1] : +m[2];
    const y = /^q/.test(lower) ? +m[2] : +m[1];
    const calendar = endOfMonth(y, q * 3);
    const fy = [endOfMonth(y, 6), endOfMonth(y, 9), endOfMonth(y, 12), endOfMonth(y + 1, 3)][q - 1];
    const note =
      `'${raw}' could be calendar Q${q} ${y} (ending ${formatUk(calendar)}) or financial ` +
      `Q${q} ${y}/${String((y + 1) % 100).padStart(2, "0")} (ending ${formatUk(fy)}); ` +
      `read as calendar: write Q${q} ${y}/${String((y + 1) % 100).padStart(2, "0")} for the financial quarter`;
    return ok(calendar, true, note);
  }
  return fail(`'${raw}' is not a date this tracker understands (use dd/mm/yyyy)`);
}

/** The financial year label (e.g. "2025/26") and quarter of a day. */
export function financialQuarter(d: CalendarDate): {
  year: string;
  quarter: number;
  label: string;
} {
  const startYear = d.m >= 4 ? d.y : d.y - 1;
  const quarter = d.m >= 4 ? Math.floor((d.m - 4) / 3) + 1 : 4;
  const year = `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
  return { year, quarter, label: `Q${quarter} ${year}` };
}
