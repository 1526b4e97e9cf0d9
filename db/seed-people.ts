import { newId } from '../server/core/ids'
import type { Role } from './schema/index'
import { FIRST_STORE_ID, REGIONS, type SeedStore } from './seed-places'
import type { Random } from './seed-random'

/** Every demo user signs in with this password (and their PIN on a store tablet). */
export const DEMO_PASSWORD = 'demo1234'

export type DemoAccount = {
  employeeNo: string
  name: string
  role: Role
  /** Human-readable scope, for the README and the server's start-up banner. */
  scope: string
  pin: string
  storeId: string | null
  regionId: string | null
}

/**
 * The accounts other code, tests and the README rely on: the whole back room of the first store,
 * one regional manager per region, and the chain-wide admin and auditor.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { employeeNo: 'E1001', name: 'Lena Petersen', role: 'clerk', scope: 'Hamburg Altona', pin: '1001', storeId: FIRST_STORE_ID, regionId: null },
  { employeeNo: 'E1002', name: 'Mehmet Yılmaz', role: 'stockroom', scope: 'Hamburg Altona', pin: '1002', storeId: FIRST_STORE_ID, regionId: null },
  { employeeNo: 'E1003', name: 'Jonas Becker', role: 'lead', scope: 'Hamburg Altona', pin: '1003', storeId: FIRST_STORE_ID, regionId: null },
  { employeeNo: 'E1004', name: 'Sabine Krüger', role: 'store_manager', scope: 'Hamburg Altona', pin: '1004', storeId: FIRST_STORE_ID, regionId: null },
  { employeeNo: 'E1005', name: 'Anna Kowalski', role: 'stockroom', scope: 'Hamburg Altona', pin: '1005', storeId: FIRST_STORE_ID, regionId: null },
  { employeeNo: 'E2001', name: 'Thomas Brandt', role: 'regional_manager', scope: 'Region Nord', pin: '2001', storeId: null, regionId: REGIONS[0]!.id },
  { employeeNo: 'E2002', name: 'Claudia Huber', role: 'regional_manager', scope: 'Region Süd', pin: '2002', storeId: null, regionId: REGIONS[1]!.id },
  { employeeNo: 'E9001', name: 'Frank Weber', role: 'admin', scope: 'Chain-wide', pin: '9001', storeId: null, regionId: null },
  { employeeNo: 'E9002', name: 'Ingrid Vogel', role: 'auditor', scope: 'Chain-wide', pin: '9002', storeId: null, regionId: null },
]

const FIRST_NAMES = [
  'Lukas', 'Sophie', 'Ali', 'Katarzyna', 'Niklas', 'Mia', 'Emre', 'Julia', 'Felix', 'Laura', 'Dimitrios', 'Hannah',
  'Paul', 'Fatma', 'Tobias', 'Marie', 'Luca', 'Ayşe', 'Maximilian', 'Elena', 'David', 'Nina', 'Sven', 'Olga', 'Jan',
  'Leonie', 'Tim', 'Zeynep', 'Stefan', 'Ivana', 'Moritz', 'Chiara', 'Kevin', 'Aleksandra', 'Ben', 'Lea', 'Marco',
  'Svetlana', 'Finn', 'Amira', 'Patrick', 'Johanna', 'Tuan', 'Greta', 'Yusuf', 'Carla', 'Milan', 'Ida',
] as const

const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Meyer', 'Wagner', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein',
  'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Hartmann', 'Lange', 'Werner', 'Lehmann', 'Schmitz', 'Kaya',
  'Nowak', 'Popović', 'Rossi', 'Papadopoulos', 'Jansen', 'Hansen', 'Bauer', 'Maier', 'Kraus', 'Öztürk', 'Wójcik',
  'Lindqvist', 'Ivanova', 'Santos', 'Nguyen', 'Dietrich', 'Albers', 'Friedrich', 'Haas', 'Sommer', 'Frank', 'Berger',
] as const

/** Back-room roles every generated store gets, in employee-number order (…1 clerk … …4 store manager). */
const STORE_ROLES: readonly Role[] = ['clerk', 'stockroom', 'lead', 'store_manager']

export type SeedUser = DemoAccount & { id: string }

/** Who does the work in one store's history: receiving, picking, ordering. */
export type StoreStaff = { clerks: string[]; stockroom: string[]; leads: string[]; managers: string[] }

/**
 * Employee numbers of the n-th additional store (n from 0): E1101–E1104, E1111–E1114, … up to E1994;
 * beyond 90 extra stores five digits (E30901…) so they never run into the E2xxx regional managers.
 */
export function storeEmployeeNo(extra: number, roleIndex: number) {
  const number = extra < 90 ? 1100 + extra * 10 + roleIndex + 1 : 30_000 + extra * 10 + roleIndex + 1
  return `E${number}`
}

/** A believable, stable name for a generated employee, never one of the fixed demo names. */
function personName(random: Random) {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
}

/** All users of the demo chain: the fixed demo accounts plus four back-room people per further store. */
export function planUsers(stores: readonly SeedStore[], random: Random): SeedUser[] {
  const users: SeedUser[] = DEMO_ACCOUNTS.map((account) => ({ ...account, id: newId() }))
  stores.slice(1).forEach((store, extra) => {
    STORE_ROLES.forEach((role, roleIndex) => {
      const employeeNo = storeEmployeeNo(extra, roleIndex)
      users.push({
        id: newId(),
        employeeNo,
        name: personName(random),
        role,
        scope: store.name,
        // PINs are four digits: the employee number's last four, easy to remember in a demo.
        pin: employeeNo.slice(-4),
        storeId: store.id,
        regionId: null,
      })
    })
  })
  return users
}

export function staffOf(users: readonly SeedUser[], storeId: string): StoreStaff {
  const withRole = (role: Role) => users.filter((u) => u.storeId === storeId && u.role === role).map((u) => u.id)
  const staff = { clerks: withRole('clerk'), stockroom: withRole('stockroom'), leads: withRole('lead'), managers: withRole('store_manager') }
  if (staff.stockroom.length === 0 || staff.managers.length === 0) throw new Error(`store ${storeId} has no back-room staff`)
  return staff
}
