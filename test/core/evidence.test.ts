import { describe, expect, it } from 'vitest'
import { csvCell, csvRow } from '../../server/core/evidence/csv'
import { escapeHtml } from '../../server/core/evidence/html'
import { sodViolations, type EvidenceFacts } from '../../server/core/evidence/sod'

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [-5, '-5'],
    [1234, '1234'],
    [true, 'true'],
  ] as const)('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n')
  })
})

describe('HTML escaping', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;')
  })
})

describe('segregation-of-duties checks', () => {
  const clean: EvidenceFacts = {
    enteredBy: 'e',
    decidedBy: 'd',
    countedBy: null,
    tier: 'store_manager',
    decidedRoles: ['store_manager'],
    confirmerCounted: false,
    confirmerAdministered: false,
    confirmerDisabledAt: null,
    decidedAt: '2026-10-10T10:00:00.000Z',
    auditSeq: 7,
    auditActor: 'd',
    lineCount: 2,
    movementCount: 2,
  }
  it.each([
    [{}, []],
    [{ decidedBy: 'e', auditActor: 'e' }, ['confirmed_by_enterer']],
    [{ decidedRoles: [] }, ['confirmer_without_role']],
    [{ decidedRoles: ['auditor', 'admin', 'stockroom'] }, ['confirmer_without_role']],
    [{ decidedRoles: ['lead'] }, ['confirmed_above_tier']],
    [{ tier: 'regional_manager', decidedRoles: ['lead', 'store_manager'] }, ['confirmed_above_tier']],
    [{ tier: 'regional_manager', decidedRoles: ['clerk', 'regional_manager'] }, []],
    [{ countedBy: 'd' }, ['counter_confirmed_own_count']],
    [{ confirmerCounted: true }, ['counter_confirmed_own_count']],
    [{ confirmerAdministered: true }, ['confirmer_administered_by_enterer']],
    [{ confirmerDisabledAt: '2026-10-10T09:59:59.000Z' }, ['confirmer_disabled']],
    [{ confirmerDisabledAt: '2026-10-10T10:00:01.000Z' }, []],
    [{ auditSeq: null, auditActor: null }, ['audit_event_missing']],
    [{ auditActor: 'someone-else' }, ['audit_event_missing']],
    [{ movementCount: 0 }, ['movements_mismatch']],
    [{ movementCount: 3 }, ['movements_mismatch']],
  ] as const)('%j → %j', (change, expected) => {
    expect(sodViolations({ ...clean, ...(change as Partial<EvidenceFacts>) })).toEqual(expected)
  })
})
