import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { webClientBuilt } from '../../server/web'

const root = mkdtempSync(join(tmpdir(), 'backstore-webbuilt-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function touch(path: string, at: number) {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, 'x')
  utimesSync(path, at / 1000, at / 1000)
}

describe('webClientBuilt (npm start rebuilds a stale client)', () => {
  const dist = join(root, 'dist/web')
  const t0 = Date.parse('2026-11-01T10:00:00Z')

  it('is false without a build', () => {
    touch(join(root, 'web/app/main.tsx'), t0)
    expect(webClientBuilt(dist, root)).toBe(false)
  })

  it('is true when the build is newer than every source', () => {
    touch(join(root, 'server/core/corrections/rules.ts'), t0)
    touch(join(root, 'vite.config.ts'), t0)
    touch(join(dist, 'index.html'), t0 + 60_000)
    expect(webClientBuilt(dist, root)).toBe(true)
  })

  let later = t0 + 60_000
  it.each(['web/app/routes/floor.tsx', 'server/core/corrections/rules.ts', 'vite.config.ts'])('is false after %s changed (a git pull)', (file) => {
    touch(join(root, file), (later += 60_000))
    expect(webClientBuilt(dist, root)).toBe(false)
    touch(join(dist, 'index.html'), (later += 60_000))
    expect(webClientBuilt(dist, root)).toBe(true)
  })
})
