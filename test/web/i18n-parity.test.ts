import { describe, expect, it } from 'vitest'
import de from '../../web/i18n/de.json'
import en from '../../web/i18n/en.json'

/** The floor / back-room / shell strings (the office's have test/web/office/office-i18n.test.ts). */
type Tree = { [key: string]: string | Tree }
const leaves = (tree: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('translations (en.json / de.json)', () => {
  const enLeaves = new Map(leaves(en as Tree))
  const deLeaves = new Map(leaves(de as Tree))

  it('German has every English key and no other', () => {
    expect([...deLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort())
  })

  it('no string is empty, and both languages use the same placeholders', () => {
    for (const [key, text] of enLeaves) {
      expect(text.trim(), key).not.toBe('')
      expect(deLeaves.get(key)?.trim(), key).not.toBe('')
      expect(placeholders(deLeaves.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })
})
