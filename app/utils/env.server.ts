// Environment, validated once with Zod. Both the web server and the workers import `env` from here.
import { z } from 'zod'

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: z.string().url().startsWith('postgres'),
    /** Connections per process (web and workers each have a pool). */
    DATABASE_POOL_MAX: z.coerce.number().int().positive().max(100).default(20),
    REDIS_URL: z.string().url().startsWith('redis'),
    /** Every Redis key and BullMQ queue of this deployment lives under this prefix. */
    REDIS_PREFIX: z.string().min(1).default('bina'),
    SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters'),
    /** Sessions end after this many minutes without a request... */
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
    /** ...and at the latest this many hours after sign-in. */
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
    /** Public origin (scheme://host[:port]) used to check the Origin of state-changing requests. */
    APP_ORIGIN: z.string().url().optional(),
    /** Minutes in one JP (jam pelajaran). */
    JP_MINUTES: z.coerce.number().int().positive().default(45),
    MEDIA_DIR: z.string().default('storage/media'),
    MUX_TOKEN_ID: z.string().optional(),
    MUX_TOKEN_SECRET: z.string().optional(),
    MUX_WEBHOOK_SECRET: z.string().optional(),
    MUX_SIGNING_KEY_ID: z.string().optional(),
    MUX_SIGNING_PRIVATE_KEY: z.string().optional(),
    /** Only for tests: point the Mux client at a local fake server. */
    MUX_BASE_URL: z.string().url().optional(),
    /** Worker shutdown deadline on SIGTERM. */
    WORKER_SHUTDOWN_MS: z.coerce.number().int().positive().default(10_000),
    /**
     * OS scheduling niceness of the worker process (0-19). Grading is asynchronous: where web and
     * workers share cores, the web process answering learners wins the CPU (docs/decisions/007).
     */
    WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
    // Certificates (issue 14): signer printed on every certificate, the signing key, storage.
    CERT_SIGNER_NAME: z.string().min(1).default('Dr. H. Sudirman, S.E., M.M.'),
    CERT_SIGNER_TITLE: z.string().min(1).default('Kepala BPSDM Provinsi Jambi'),
    CERT_SIGNER_NIP: z.string().min(1).default('197001011995031001'),
    /** Issuing institution printed in the certificate header. */
    CERT_ISSUER: z.string().min(1).default('Badan Pengembangan Sumber Daya Manusia'),
    /** PKCS#12 of the local signer (scripts/make-demo-signer.ts makes a demo one at setup). */
    CERT_P12_PATH: z.string().default('.local/certs/signer.p12'),
    CERT_P12_PASSPHRASE: z.string().default('bina-demo-signer'),
    /** Local disk storage of generated files (signed PDFs, ZIP exports). */
    FILE_STORAGE_DIR: z.string().default('storage/files'),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.MUX_TOKEN_ID) !== Boolean(v.MUX_TOKEN_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Set both MUX_TOKEN_ID and MUX_TOKEN_SECRET, or neither',
      })
    }
  })

export type Env = z.infer<typeof schema>

function load(): Env {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}\nSee .env.example.`)
  }
  return parsed.data
}

export const env: Env = load()
export const isProduction = env.NODE_ENV === 'production'
export const muxEnabled = Boolean(env.MUX_TOKEN_ID && env.MUX_TOKEN_SECRET)
