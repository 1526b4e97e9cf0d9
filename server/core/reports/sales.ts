import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { idList } from '../review/scope'
import type { Period } from './period'

export type WeeklySales = { storeId: string; week: string; sales: number }

/** Sales (retail value of POS receipts, returns negative) per store and week (Monday, UTC), from the daily roll-up. */
export async function salesByStoreWeek(db: Db, storeIds: string[], period: Period): Promise<WeeklySales[]> {
  const rows = await db.all<WeeklySales>(sql`
    SELECT store_id AS storeId, date(day, '-6 days', 'weekday 1') AS week, SUM(sales_value) AS sales
    FROM rollup_sales_daily
    WHERE store_id IN ${idList(storeIds)} AND day >= ${period.from} AND day <= ${period.to}
    GROUP BY 1, 2`)
  return rows.map((r) => ({ ...r, sales: Number(r.sales) }))
}
