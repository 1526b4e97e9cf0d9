import { createHash, randomBytes } from 'node:crypto'
import { uuidv7 } from 'uuidv7'

/** Sortable, client-safe ids: clients may create them offline, too. */
export const newId = () => uuidv7()

/** 256-bit random token, base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
