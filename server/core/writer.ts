import type { Db } from '../../db/client'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type WriteCommand<T> = (tx: Tx) => Promise<T>

type Pending = {
  command: WriteCommand<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export type WriterStats = { batches: number; commands: number; maxBatch: number }

/**
 * The single in-process writer (see docs/decisions/001-libsql-single-writer-group-commit.md).
 *
 * libSQL allows one write transaction per file, and concurrent `db.transaction()` calls fail with
 * SQLITE_BUSY. So every write goes through this queue. Whatever is waiting when the writer is free is
 * drained into ONE transaction (group commit: one fsync for many commands); each command runs in its
 * own savepoint so a failing one rolls back alone, and nobody is answered before the COMMIT is durable.
 *
 * Commands must only await database statements: no hashing, no fetch, no timers.
 */
export class Writer {
  #queue: Pending[] = []
  #running = false
  #closed = false
  #idle: Array<() => void> = []
  readonly stats: WriterStats = { batches: 0, commands: 0, maxBatch: 0 }

  constructor(
    private readonly db: Db,
    private readonly options: { maxBatch?: number; budgetMs?: number } = {},
  ) {}

  run<T>(command: WriteCommand<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('writer is closed'))
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ command, resolve: resolve as (value: unknown) => void, reject })
      if (!this.#running) {
        this.#running = true
        // Let the current tick's requests enqueue too before the first batch starts.
        setImmediate(() => void this.#drain())
      }
    })
  }

  /** Stops taking commands and resolves once everything queued has been committed or refused. */
  async close() {
    this.#closed = true
    if (!this.#running && this.#queue.length === 0) return
    await new Promise<void>((resolve) => this.#idle.push(resolve))
  }

  async #drain() {
    while (this.#queue.length > 0) {
      await this.#commit()
      // libSQL calls are synchronous: yield so waiting requests are parsed and join the next batch.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.#running = false
    for (const resolve of this.#idle.splice(0)) resolve()
  }

  /**
   * One transaction over as many queued commands as fit in the time budget (default 15 ms): every
   * libSQL call is synchronous, so a batch blocks the event loop while it runs — the budget bounds
   * that pause; whatever did not fit waits for the next commit.
   */
  async #commit() {
    const batch: Pending[] = []
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = []
    const maxBatch = this.options.maxBatch ?? 500
    const budgetMs = this.options.budgetMs ?? 15
    const started = performance.now()
    try {
      await this.db.transaction(async (tx) => {
        while (this.#queue.length > 0 && batch.length < maxBatch && (batch.length === 0 || performance.now() - started < budgetMs)) {
          const item = this.#queue.shift()!
          batch.push(item)
          try {
            outcomes.push({ ok: true, value: await tx.transaction((sp) => item.command(sp)) })
          } catch (error) {
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of this batch is durable, so nobody gets a success. If not even
      // BEGIN worked, everyone waiting is answered with the error rather than retried in a tight loop.
      for (const item of batch.length > 0 ? batch : this.#queue.splice(0)) item.reject(error)
      return
    }
    this.stats.batches += 1
    this.stats.commands += batch.length
    this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length)
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) item.resolve(outcome.value)
      else item.reject(outcome.error)
    })
  }
}
