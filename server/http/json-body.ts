/**
 * JSON.parse silently keeps the last of duplicate keys and accepts any depth. A request such as
 * {"quantity":1,"quantity":1000} must not mean one thing to a proxy and another to us, so the raw
 * body is scanned first: duplicate keys, prototype keys and nesting deeper than `maxDepth` are refused.
 */
export type JsonShapeProblem = { problem: 'duplicate_key' | 'forbidden_key' | 'too_deep'; key?: string }

export function checkJsonShape(text: string, maxDepth = 16): JsonShapeProblem | null {
  const stack: Array<Set<string> | null> = [] // a Set per open object, null per open array
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      let end = i + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const top = stack.at(-1)
      if (top && expectKey) {
        let key: string
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string
        } catch {
          return null // malformed; JSON.parse reports it properly
        }
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') return { problem: 'forbidden_key', key }
        if (top.has(key)) return { problem: 'duplicate_key', key }
        top.add(key)
        expectKey = false
      }
      i = end
    } else if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? new Set() : null)
      if (stack.length > maxDepth) return { problem: 'too_deep' }
      expectKey = ch === '{'
    } else if (ch === '}' || ch === ']') {
      stack.pop()
    } else if (ch === ',') {
      expectKey = stack.at(-1) instanceof Set
    }
  }
  return null
}
