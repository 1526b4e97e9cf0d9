/**
 * What makes a self-chosen password or PIN acceptable, as pure functions (no I/O): the server applies
 * them when someone changes their own secret, the web client shows the same verdict while they type.
 * Secrets a manager or administrator hands out are temporary anyway and are not held to these rules.
 */

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256
/** At least this many different characters: "aaaaaaaaaa" or "abababababab" are not passwords. */
export const PASSWORD_MIN_DISTINCT = 5
export const PIN_PATTERN = /^[0-9]{4,8}$/

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'common' | 'contains_employee_no'
export type PinProblem = 'format' | 'repeated' | 'sequence' | 'common' | 'employee_no'

/** Words every password list starts with, in English and German; with digits or symbols added they are still these. */
const COMMON_WORDS = new Set([
  'password',
  'passwort',
  'kennwort',
  'qwerty',
  'qwertz',
  'qwertyuiop',
  'qwertzuiop',
  'asdfgh',
  'asdfghjkl',
  'yxcvbnm',
  'zxcvbnm',
  'letmein',
  'welcome',
  'willkommen',
  'iloveyou',
  'changeme',
  'geheim',
  'backstore',
  'admin',
  'administrator',
  'sommer',
  'summer',
  'winter',
  'fruehling',
  'herbst',
  'hallo',
  'hello',
  'abc',
  'abcdef',
  'abcdefghij',
])

/** Keypad patterns and the like that people pick as "random" PINs. */
const COMMON_PINS = new Set(['2580', '0852', '1470', '0741', '3690', '0963', '1357', '2468', '1379', '7531', '8642', '147258', '258369', '159753'])

const digitsOf = (value: string) => value.replace(/\D/g, '')

/** Each step +1 or each step −1 (mod 10: 7890 and 8901 count): 1234, 4321, 0123, 98765. */
function isRun(digits: string) {
  if (digits.length < 3) return false
  const steps = new Set<number>()
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10)
  return steps.size === 1 && (steps.has(1) || steps.has(9))
}

/** A block said again and again: 1111, 1212, 123123, 12341234. */
const isRepeated = (digits: string) => /^(\d{1,4})\1+$/.test(digits)

/** Null when the password may be used; else why not. `employeeNo` is the holder's (it is public in the store). */
export function passwordProblem(password: string, { employeeNo }: { employeeNo: string }): PasswordProblem | null {
  const value = password.normalize('NFKC')
  const length = [...value].length
  if (length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (length > PASSWORD_MAX_LENGTH) return 'too_long'
  const lower = value.toLowerCase()
  const own = employeeNo.normalize('NFKC').trim().toLowerCase()
  const ownDigits = digitsOf(own)
  if ((own.length >= 3 && lower.includes(own)) || (ownDigits.length >= 4 && lower.includes(ownDigits))) return 'contains_employee_no'
  if (new Set(lower).size < PASSWORD_MIN_DISTINCT) return 'too_simple'
  const letters = lower.replace(/[^\p{L}]/gu, '')
  const digits = digitsOf(lower)
  // A common word with digits or symbols around it ("Passwort2024!"), or nothing but a run of digits.
  if (COMMON_WORDS.has(letters) || (letters === '' && (isRun(digits) || isRepeated(digits)))) return 'common'
  return null
}

/** Null when the PIN may be used; else why not. A PIN a colleague could guess at the tablet is no proof. */
export function pinProblem(pin: string, { employeeNo }: { employeeNo: string }): PinProblem | null {
  if (!PIN_PATTERN.test(pin)) return 'format'
  if (isRepeated(pin)) return 'repeated'
  if (isRun(pin)) return 'sequence'
  const own = digitsOf(employeeNo.normalize('NFKC'))
  if (own.length >= 4 && (own.includes(pin) || pin.includes(own))) return 'employee_no'
  if (own.length > 0 && own.length < 4 && pin === own.padStart(4, '0')) return 'employee_no'
  // A year (1950–2039): birthdays and "this year" are the first guesses.
  if (pin.length === 4 && /^(19[5-9]\d|20[0-3]\d)$/.test(pin)) return 'common'
  if (COMMON_PINS.has(pin)) return 'common'
  return null
}
