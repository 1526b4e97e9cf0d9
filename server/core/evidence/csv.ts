/**
 * CSV as RFC 4180 (comma, CRLF, quotes doubled) with a guard against formula injection: a text cell
 * starting with = + - @ (or a tab / carriage return, which some spreadsheets skip first) is prefixed
 * with an apostrophe, so a reason note like "=HYPERLINK(…)" stays text in Excel or LibreOffice.
 * Numbers we produce ourselves are written as numbers.
 */
export type Cell = string | number | boolean | null | undefined

const FORMULA = /^[=+\-@\t\r]/

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = FORMULA.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvRow = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`
