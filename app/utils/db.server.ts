// The one Prisma client of the process (web or worker).
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { env } from './env.server'

declare global {
  var __binaPrisma: PrismaClient | undefined
}

function create() {
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX })
  return new PrismaClient({ adapter })
}

// Reused across Vite dev reloads so a reload does not open a new pool each time.
export const prisma: PrismaClient = (globalThis.__binaPrisma ??= create())
