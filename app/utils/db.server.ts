// The one Prisma client of the process (web or worker).
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { env } from './env.server'

declare global {
  var __binaPrisma: PrismaClient | undefined
}

function create() {
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    // A database that stops answering fails requests after 5 s (503 page) instead of hanging.
    connectionTimeoutMillis: 5_000,
  })
  return new PrismaClient({ adapter })
}

// Reused across Vite dev reloads so a reload does not open a new pool each time.
export const prisma: PrismaClient = (globalThis.__binaPrisma ??= create())
