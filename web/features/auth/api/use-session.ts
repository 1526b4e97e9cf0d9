import type { Me } from '../../../types/api'
import { useMe } from './get-me'

/** The signed-in person, for screens behind the sign-in guard (which waits for `me`). */
export function useSession(): Me {
  const { data } = useMe()
  if (!data) throw new Error('useSession used outside a signed-in route')
  return data
}
