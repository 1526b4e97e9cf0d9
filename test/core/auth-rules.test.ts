import { describe, expect, it } from 'vitest'
import { passwordProblem, pinProblem } from '../../server/core/auth/rules'

/** The rules a self-chosen password or PIN must pass (server/core/auth/rules.ts), as tables. */

describe('passwordProblem', () => {
  const me = { employeeNo: 'E1003' }
  it.each([
    ['ninas own pass 7', null],
    ['Kassenbon-Regal-42', null],
    ['correct horse battery', null],
    ['Grüße aus Köln 9', null],
    ['short1!', 'too_short'],
    ['123456789', 'too_short'],
    ['x'.repeat(257), 'too_long'],
    ['aaaaaaaaaaaa', 'too_simple'],
    ['abababababab', 'too_simple'],
    ['1212121212', 'too_simple'],
    ['Password2024!', 'common'],
    ['passwort123!', 'common'],
    ['Qwertz1234!', 'common'],
    ['1234567890', 'common'],
    ['0987654321', 'common'],
    ['Backstore-2026', 'common'],
    ['my-e1003-pass', 'contains_employee_no'],
    ['secret 1003 x', 'contains_employee_no'],
  ] as const)('%s → %s', (password, problem) => {
    expect(passwordProblem(password, me)).toBe(problem)
  })

  it('counts characters, not UTF-16 units, and normalizes first (NFKC)', () => {
    expect(passwordProblem('😀😀😀😀😀🙂🙃😉😊😇', me)).toBeNull()
    expect(passwordProblem('😀😀😀😀', me)).toBe('too_short')
    // Full-width letters are the same password as the plain ones.
    expect(passwordProblem('Ｐａｓｓｗｏｒｄ２０２４', me)).toBe('common')
  })
})

describe('pinProblem', () => {
  const me = { employeeNo: 'E1004' }
  it.each([
    ['8264', null],
    ['5917', null],
    ['730451', null],
    ['12', 'format'],
    ['123456789', 'format'],
    ['12a4', 'format'],
    ['１２３４', 'format'],
    ['1111', 'repeated'],
    ['0000', 'repeated'],
    ['1212', 'repeated'],
    ['123123', 'repeated'],
    ['1234', 'sequence'],
    ['4321', 'sequence'],
    ['0123', 'sequence'],
    ['7890', 'sequence'],
    ['98765', 'sequence'],
    ['1004', 'employee_no'],
    ['10045', 'employee_no'],
    ['2580', 'common'],
    ['1357', 'common'],
    ['1987', 'common'],
    ['2026', 'common'],
  ] as const)('%s → %s', (pin, problem) => {
    expect(pinProblem(pin, me)).toBe(problem)
  })

  it('an employee number with fewer digits: its padded form is refused, other PINs are fine', () => {
    expect(pinProblem('0042', { employeeNo: 'A-42' })).toBe('employee_no')
    expect(pinProblem('4209', { employeeNo: 'A-42' })).toBeNull()
    expect(pinProblem('8264', { employeeNo: 'MUELLER' })).toBeNull()
  })
})
