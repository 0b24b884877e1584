// The per-request CSP nonce (set by server/headers.ts, passed through getLoadContext) for Remix's
// inline scripts. On the client it is empty: browsers hide nonce attributes from scripts anyway.
import { createContext, useContext } from 'react'

export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
