import { beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, signIn, type Session, type TestApp } from '../support/app'
import { createTestDatabase } from '../support/db'
import { createFixture, type Fixture } from '../support/fixtures'

let app: TestApp
let fx: Fixture
let clerk: Session

beforeAll(async () => {
  const database = await createTestDatabase()
  fx = await createFixture(database)
  app = createTestApp(database)
  clerk = await signIn(app, fx.users.clerk.employeeNo)
})

describe('store locations', () => {
  it('lists the store’s own locations with their ids', async () => {
    const res = await call(app, clerk, 'GET', '/api/stores/st-a1/locations')
    expect(res.status).toBe(200)
    const byKind = Object.fromEntries((res.body.locations as Array<{ kind: string; id: string }>).map((l) => [l.kind, l.id]))
    expect(byKind.floor).toBe(fx.loc('st-a1', 'floor'))
    expect(byKind.stockroom).toBe(fx.loc('st-a1', 'stockroom'))
    expect((res.body.locations as Array<{ id: string }>).every((l) => !l.id.startsWith('st-a2'))).toBe(true)
  })
})
