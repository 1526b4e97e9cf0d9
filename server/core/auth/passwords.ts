import { hash, verify } from '@node-rs/argon2'

/** OWASP's Argon2id baseline (m=19 MiB, t=2, p=1): ~57 ms here. Never call inside a write transaction. */
const OPTIONS = { algorithm: 2 /* Argon2id; the package's enum is a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashSecret = (secret: string) => hash(secret.normalize('NFKC'), OPTIONS)

export async function verifySecret(storedHash: string, secret: string) {
  try {
    return await verify(storedHash, secret.normalize('NFKC'))
  } catch {
    return false
  }
}

/** Verified against when the user does not exist, so unknown users and wrong passwords take the same time. */
let dummy: Promise<string> | undefined
export const dummyHash = () => (dummy ??= hashSecret('not-a-real-password-just-for-timing'))

/** One account per employee: "e-1001", " E-1001 " and full-width "Ｅ-1001" are the same employee. */
export const normalizeEmployeeNo = (value: string) => value.normalize('NFKC').trim().toUpperCase()
