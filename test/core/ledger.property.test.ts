import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Database } from '../../db/client'
import { DomainError, ERROR_STATUS } from '../../server/core/errors'
import { Writer } from '../../server/core/writer'
import { createTestDatabase } from '../support/db'
import { createFixture } from '../support/fixtures'
import { assertInvariants } from '../support/invariants'
import {
  modelApply,
  movementCount,
  normalize,
  post,
  postingArb,
  readBalances,
  safePostingArb,
  type Balances,
  type Posting,
  type PostResult,
} from './ledger.model'

/**
 * Property tests of the ledger core on a real libSQL temp file: the real Writer (group commit,
 * savepoints), applyMovements and once(). Runs are kept moderate for CI; raise them locally with
 * BACKSTORE_PROPERTY_RUNS (RELIABILITY.md asks 1,000 for the model-based run).
 */
const RUNS = Number(process.env.BACKSTORE_PROPERTY_RUNS ?? 100)

let database: Database & { path: string }
let writer: Writer
const at = new Date('2026-11-02T10:00:00.000Z')
let serial = 0
const freshKey = (label: string) => `${label}-${(serial += 1).toString().padStart(6, '0')}`

beforeAll(async () => {
  database = await createTestDatabase()
  await createFixture(database)
  writer = new Writer(database.db)
})

/** Settles every promise, keeping the outcomes in submission order. */
const settle = <T>(promises: Array<Promise<T>>) => Promise.allSettled(promises)

function errorCode(reason: unknown) {
  return reason instanceof DomainError ? reason.code : String(reason)
}

describe('ledger: random postings through the real writer', () => {
  it('keeps balance = Σ movements and matches a JS model, whatever the sequence and batching', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(postingArb(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 20 }),
        async (postings, chunkSizes) => {
          let model = await readBalances(database.db)
          const before = await movementCount(database.db)
          let expectedMovements = before
          // Submit in chunks of concurrent calls: the writer batches them, and answers in queue order.
          let i = 0
          for (let c = 0; i < postings.length; c++) {
            const chunk = postings.slice(i, i + chunkSizes[c % chunkSizes.length]!)
            i += chunk.length
            const outcomes = await settle(chunk.map((p) => post(writer, at, { key: freshKey('seq') }, p)))
            chunk.forEach((posting, n) => {
              const predicted = modelApply(model, posting)
              const outcome = outcomes[n]!
              if (predicted) {
                expect(outcome.status, JSON.stringify(posting)).toBe('fulfilled')
                model = predicted
                expectedMovements += posting.length
              } else {
                expect(outcome.status, JSON.stringify(posting)).toBe('rejected')
                expect(errorCode((outcome as PromiseRejectedResult).reason)).toBe('NEGATIVE_STOCK')
              }
            })
          }
          expect(normalize(await readBalances(database.db))).toEqual(normalize(model))
          expect(await movementCount(database.db)).toBe(expectedMovements)
          await assertInvariants(database)
        },
      ),
      { numRuns: RUNS },
    )
  })
})

describe('ledger: idempotency', () => {
  it('replaying a key posts once and answers the same response every time', async () => {
    await fc.assert(
      fc.asyncProperty(postingArb(), fc.integer({ min: 2, max: 6 }), fc.boolean(), async (posting, times, concurrent) => {
        const key = freshKey('replay')
        const model = modelApply(await readBalances(database.db), posting)
        const before = await movementCount(database.db)
        const outcomes: Array<PromiseSettledResult<PostResult>> = concurrent
          ? await settle(Array.from({ length: times }, () => post(writer, at, { key }, posting)))
          : []
        if (!concurrent) for (let n = 0; n < times; n++) outcomes.push(...(await settle([post(writer, at, { key }, posting)])))

        if (model) {
          const results = outcomes.map((o) => {
            expect(o.status).toBe('fulfilled')
            return (o as PromiseFulfilledResult<PostResult>).value
          })
          expect(results.map((r) => r.replayed)).toEqual([false, ...Array(times - 1).fill(true)])
          for (const r of results) expect({ status: r.status, body: r.body }).toEqual({ status: results[0]!.status, body: results[0]!.body })
          expect(await movementCount(database.db)).toBe(before + posting.length)
          expect(normalize(await readBalances(database.db))).toEqual(normalize(model))
        } else {
          // A refused posting stores no record: every retry is refused the same way and nothing moves.
          for (const o of outcomes) expect(errorCode((o as PromiseRejectedResult).reason)).toBe('NEGATIVE_STOCK')
          expect(await movementCount(database.db)).toBe(before)
        }
      }),
      { numRuns: RUNS },
    )
    await assertInvariants(database)
  })

  it('refuses a key reused with another payload (422 IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    expect(ERROR_STATUS.IDEMPOTENCY_KEY_REUSED).toBe(422)
    await fc.assert(
      fc.asyncProperty(safePostingArb, safePostingArb, async (first, second) => {
        fc.pre(JSON.stringify(first) !== JSON.stringify(second))
        const key = freshKey('reuse')
        const original = await post(writer, at, { key }, first)
        const balances = normalize(await readBalances(database.db))
        const movements = await movementCount(database.db)

        const reused = await post(writer, at, { key }, second).then(
          () => null,
          (error: unknown) => error,
        )
        expect(reused).toBeInstanceOf(DomainError)
        expect((reused as DomainError).code).toBe('IDEMPOTENCY_KEY_REUSED')
        expect(normalize(await readBalances(database.db))).toEqual(balances)
        expect(await movementCount(database.db)).toBe(movements)

        // The original payload still replays its original answer.
        const replay = await post(writer, at, { key }, first)
        expect(replay).toEqual({ ...original, replayed: true })
      }),
      { numRuns: RUNS },
    )
  })

  it('scopes keys: the same key under another scope is another request', async () => {
    const posting: Posting = [{ kind: 'receipt', store: 'st-a1', item: 'it-milk', quantity: 3 }]
    const key = freshKey('scoped')
    const before = await movementCount(database.db)
    const a = await post(writer, at, { scope: 'user:a', key }, posting)
    const b = await post(writer, at, { scope: 'user:b', key }, posting)
    expect([a.replayed, b.replayed]).toEqual([false, false])
    expect(await movementCount(database.db)).toBe(before + 2)
  })
})

/** The model-based run: commands against the real ledger and a Map, compared after every step. */
type Real = { database: Database; writer: Writer; reopened: Database[] }
type Model = { balances: Balances; movements: number; keys: Array<{ key: string; posting: Posting; stored: boolean }> }

async function expectSame(model: Model, real: Real) {
  expect(normalize(await readBalances(real.database.db))).toEqual(normalize(model.balances))
  expect(await movementCount(real.database.db)).toBe(model.movements)
}

/** Posts under a key; `expectReplay` when the model knows the key is stored with this payload. */
async function postAndCompare(model: Model, real: Real, key: string, posting: Posting) {
  const known = model.keys.find((k) => k.key === key && k.stored)
  const outcome = await post(real.writer, at, { key }, posting).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
  if (known) {
    if (JSON.stringify(known.posting) === JSON.stringify(posting)) {
      expect(outcome.ok && outcome.value.replayed).toBe(true)
    } else {
      expect(outcome.ok ? 'accepted' : errorCode(outcome.error)).toBe('IDEMPOTENCY_KEY_REUSED')
    }
    return
  }
  const predicted = modelApply(model.balances, posting)
  if (predicted) {
    expect(outcome.ok ? outcome.value.replayed : errorCode(outcome.error)).toBe(false)
    model.balances = predicted
    model.movements += posting.length
  } else {
    expect(outcome.ok ? 'accepted' : errorCode(outcome.error)).toBe('NEGATIVE_STOCK')
  }
  const entry = model.keys.find((k) => k.key === key)
  if (entry) Object.assign(entry, { posting, stored: predicted !== null })
  else model.keys.push({ key, posting, stored: predicted !== null })
}

class PostCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly posting: Posting) {}
  check = () => true
  async run(model: Model, real: Real) {
    await postAndCompare(model, real, freshKey('cmd'), this.posting)
  }
  toString = () => `post(${JSON.stringify(this.posting)})`
}

class RetryCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.keys.length > 0
  async run(model: Model, real: Real) {
    const { key, posting } = model.keys[this.pick % model.keys.length]!
    await postAndCompare(model, real, key, posting)
  }
  toString = () => `retry(#${this.pick})`
}

class ReuseKeyCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly posting: Posting,
  ) {}
  check = (model: Readonly<Model>) => model.keys.length > 0
  async run(model: Model, real: Real) {
    await postAndCompare(model, real, model.keys[this.pick % model.keys.length]!.key, this.posting)
  }
  toString = () => `reuse(#${this.pick}, ${JSON.stringify(this.posting)})`
}

/** Several postings at once (the writer batches them; outcomes follow queue order). */
class BurstCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly postings: Posting[]) {}
  check = () => true
  async run(model: Model, real: Real) {
    const keys = this.postings.map(() => freshKey('burst'))
    const outcomes = await settle(this.postings.map((p, n) => post(real.writer, at, { key: keys[n]! }, p)))
    this.postings.forEach((posting, n) => {
      const predicted = modelApply(model.balances, posting)
      expect(outcomes[n]!.status).toBe(predicted ? 'fulfilled' : 'rejected')
      if (predicted) {
        model.balances = predicted
        model.movements += posting.length
      }
      model.keys.push({ key: keys[n]!, posting, stored: predicted !== null })
    })
  }
  toString = () => `burst(${this.postings.length})`
}

/** Closes the writer and opens the file again, as a restarted process would. */
class ReopenCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(model: Model, real: Real) {
    await real.writer.close()
    const reopened = createDb(`file:${database.path}`)
    real.reopened.push(reopened)
    real.database = reopened
    real.writer = new Writer(reopened.db)
    await expectSame(model, real)
  }
  toString = () => 'reopen()'
}

class CheckCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(model: Model, real: Real) {
    await expectSame(model, real)
    await assertInvariants(real.database)
  }
  toString = () => 'check()'
}

describe('ledger: model-based', () => {
  it('agrees with a JS model over post / retry / reuse / burst / reopen, invariants after every check', async () => {
    const commands = [
      postingArb().map((p) => new PostCommand(p)),
      fc.nat().map((n) => new RetryCommand(n)),
      fc.tuple(fc.nat(), safePostingArb).map(([n, p]) => new ReuseKeyCommand(n, p)),
      fc.array(postingArb(), { minLength: 2, maxLength: 8 }).map((ps) => new BurstCommand(ps)),
      fc.constant(new ReopenCommand()),
      fc.constant(new CheckCommand()),
    ]
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const real: Real = { database, writer: new Writer(database.db), reopened: [] }
        const model: Model = { balances: await readBalances(database.db), movements: await movementCount(database.db), keys: [] }
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds)
          await expectSame(model, real)
          await assertInvariants(real.database)
        } finally {
          await real.writer.close()
          for (const db of real.reopened) db.client.close()
        }
      }),
      { numRuns: RUNS },
    )
  })
})
