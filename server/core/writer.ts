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
 * The single in-process writer (see docs/decisions/002-group-commit-writer.md).
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
    private readonly options: { maxBatch?: number } = {},
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
      const batch = this.#queue.splice(0, this.options.maxBatch ?? 500)
      await this.#commit(batch)
      // libSQL calls are synchronous: yield so waiting requests are parsed and join the next batch.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.#running = false
    for (const resolve of this.#idle.splice(0)) resolve()
  }

  async #commit(batch: Pending[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = []
    try {
      await this.db.transaction(async (tx) => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: await tx.transaction((sp) => item.command(sp)) })
          } catch (error) {
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      // The COMMIT itself failed: nothing of this batch is durable, so nobody gets a success.
      for (const item of batch) item.reject(error)
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
