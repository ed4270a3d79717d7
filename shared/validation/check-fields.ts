/**
 * Rules for single fields: URLs (bad-url) and dates (bad-date), as the master data writes them
 * and as the page's reference table can carry them.
 */
import { diagnostic, replaceFix } from './context';
import type { Diagnostic } from './types';

/**
 * Characters a URL cannot carry into the page: the reference table writes `[url](url)` in a table
 * cell, so whitespace, `|`, brackets, parentheses, angle brackets, quotes and backticks would break
 * the link or the row. Each has a percent-encoded form that means the same URL.
 */
const UNSAFE_IN_LINK = /[\s|()[\]<>"`]/g;

/** The URL with the characters a page link cannot hold percent-encoded. */
export function encodeForLink(url: string): string {
  return url.trim().replace(UNSAFE_IN_LINK, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

const ABSOLUTE_HTTP = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/** bad-url for a reference or archive link. */
export function checkUrl(value: string, field: string): Diagnostic[] {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) {
    const fixes = /^(?:www\.)?[A-Za-z0-9-]+\.[A-Za-z]{2,}(?:[/?#]|$)/.test(trimmed) ? [replaceFix(`Use https://${trimmed}`, field, 0, value.length, `https://${trimmed}`)] : [];
    return [diagnostic('bad-url', value, field, 0, value.length, `${JSON.stringify(trimmed.slice(0, 80))} is not an absolute web address (https://...).`, fixes)];
  }
  const unsafe = [...trimmed.matchAll(UNSAFE_IN_LINK)];
  if (unsafe.length > 0 || trimmed !== value) {
    const first = unsafe[0];
    const at = first ? value.indexOf(trimmed) + first.index : 0;
    const what = first ? (/\s/.test(first[0]) ? 'a space' : `“${first[0]}”`) : 'spaces around it';
    return [diagnostic('bad-url', value, field, at, first ? at + 1 : value.length, `The URL holds ${what}, which would break the page's link.`, [replaceFix('Percent-encode it', field, 0, value.length, encodeForLink(value))])];
  }
  if (!ABSOLUTE_HTTP.test(trimmed)) return [diagnostic('bad-url', value, field, 0, value.length, `${JSON.stringify(trimmed.slice(0, 80))} is not a valid web address.`)];
  return [];
}

/** Which date: a reference's publication date (`YYYY/MM/DD`) or the incident's date added (`YYYY-MM-DD`). */
export type DateKind = 'pubDate' | 'dateAdded';

const SEPARATOR: Record<DateKind, string> = { pubDate: '/', dateAdded: '-' };

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] as number);
}

/** bad-date for a date field; empty is not checked here (see missing-field). */
export function checkDate(value: string, field: string, kind: DateKind): Diagnostic[] {
  if (value.trim() === '') return [];
  const sep = SEPARATOR[kind];
  const format = `YYYY${sep}MM${sep}DD`;
  const loose = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(value);
  if (loose) {
    const [year, month, day] = [Number(loose[1]), Number(loose[2]), Number(loose[3])];
    if (!isCalendarDate(year, month, day)) return [diagnostic('bad-date', value, field, 0, value.length, `${value.trim()} is not a date of the calendar.`)];
    const canonical = `${loose[1]}${sep}${String(month).padStart(2, '0')}${sep}${String(day).padStart(2, '0')}`;
    if (canonical === value) return [];
    return [diagnostic('bad-date', value, field, 0, value.length, `Dates here are written ${format}, as in the master data: ${canonical}.`, [replaceFix(`Write ${canonical}`, field, 0, value.length, canonical)])];
  }
  return [diagnostic('bad-date', value, field, 0, value.length, `${JSON.stringify(value.trim().slice(0, 40))} is not a date written ${format}, as in the master data.`)];
}
