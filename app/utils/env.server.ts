// Environment, validated once with Zod. Both the web server and the workers import `env` from here.
import { z } from 'zod'

/** Secrets published in this repository: production refuses to start with them. */
export const KNOWN_EXAMPLE_SECRETS = ['change-me-bina-demo-secret-0123456789']

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().positive().default(3000),
    /** Interface the HTTP server listens on. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Express "trust proxy": a hop count ("1") or a name ("loopback"); unset behind no proxy. */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v) => (v ? (/^\d+$/.test(v) ? Number(v) : v) : undefined)),
    /** Web processes of server/cluster.ts in production (default: the number of cores). */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    /**
     * Copies of the listening socket each web process accepts on (decision 118). Node 20's libuv
     * accepts one connection per copy per event-loop iteration, and a busy web process runs an
     * iteration every 30-100 ms: with one copy, an exam end's new connections waited seconds.
     */
    WEB_ACCEPT_HANDLES: z.coerce.number().int().min(1).max(64).default(16),
    DATABASE_URL: z.string().url().startsWith('postgres'),
    /** Connections per process (web and workers each have a pool). */
    DATABASE_POOL_MAX: z.coerce.number().int().positive().max(100).default(20),
    /**
     * Connections per process for the named prepared statements (`sql(..., { prepare: true })`,
     * the exam path and the pages' one-statement reads). They run with generic plans from their
     * first execution (plan_cache_mode = force_generic_plan): each statement is planned once per
     * connection instead of five custom plans per connection first (docs/decisions/122).
     */
    DATABASE_PREPARED_POOL_MAX: z.coerce.number().int().positive().max(100).default(10),
    /**
     * How long a pooled connection may sit idle before it is closed (ms). Long, because a new
     * connection costs a PostgreSQL backend's start, its catalogue caches and every prepared
     * statement planned again, and the connections are needed again exactly when load returns
     * (an exam's end): pg's default of 10 s closed them between waves (docs/decisions/108).
     */
    DATABASE_POOL_IDLE_MS: z.coerce.number().int().positive().default(600_000),
    /**
     * How many pooled connections the web server opens at start, with each backend's catalogue
     * caches loaded, and keeps however long they stay idle (default: DATABASE_POOL_MAX; 0: none).
     * An exam's end then finds them ready instead of opening them in its first second
     * (docs/decisions/109). Workers and scripts open connections when they need them.
     */
    DATABASE_POOL_WARM: z.coerce.number().int().min(0).max(100).optional(),
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
    /** Failed sign-ins per minute, all accounts together, before every failure is slowed down. */
    SIGNIN_GLOBAL_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(300),
    /** Outgoing mail. Without SMTP_HOST, mails are written to MAIL_OUTBOX_DIR (demo mode). */
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().positive().default(587),
    /** "true": TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: z.enum(['true', 'false']).default('false'),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    MAIL_FROM: z.string().default('Bina <no-reply@bina.jambiprov.go.id>'),
    MAIL_OUTBOX_DIR: z.string().default('storage/outbox'),
    /** Minutes a "Lupa kata sandi" link stays valid. */
    PASSWORD_RESET_MINUTES: z.coerce
      .number()
      .int()
      .positive()
      .max(24 * 60)
      .default(30),
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
    /**
     * Niceness of a worker process that runs only certificate work (issueCertificate, with at
     * most buildCertificateExport and sendMail beside it; see workers/index.ts): certificates can
     * wait, learners cannot, so at 19 such a process gets the CPU only when the web server and
     * the exam path leave it (docs/decisions/107).
     */
    CERT_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(19),
    /**
     * Which jobs this worker process runs (comma-separated job names; default all) and which it
     * leaves to another process. E.g. certificates on their own process: WORKER_JOBS=issueCertificate
     * there and WORKER_SKIP_JOBS=issueCertificate in the main one (the exam benchmark does this).
     */
    WORKER_JOBS: z.string().optional(),
    WORKER_SKIP_JOBS: z.string().optional(),
    /** How often the worker relays outbox rows that were not relayed right away. */
    OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2_000),
    /** How often the maintenance sweep (overdue attempts, lost jobs) is scheduled. */
    MAINTENANCE_EVERY_MS: z.coerce.number().int().positive().default(10_000),
    /** BullMQ lock of a running job: a worker killed mid-job loses it after this long. */
    WORKER_LOCK_MS: z.coerce.number().int().positive().default(30_000),
    /** How often BullMQ looks for jobs whose lock expired (stalled). */
    WORKER_STALLED_MS: z.coerce.number().int().positive().default(30_000),
    /** Work not done this long after it became due is given its job back by the recovery sweep. */
    RECOVER_AFTER_MS: z.coerce.number().int().positive().default(120_000),
    /** How often a worker process checks that Redis still holds its marker (data lost). */
    REDIS_CHECK_MS: z.coerce.number().int().positive().default(2_000),
    /** How often the workers rebuild the supervision dashboard's aggregates. */
    DASHBOARD_REFRESH_MS: z.coerce.number().int().positive().default(60_000),
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
    /** Certificates rendered and signed at once by one worker process. */
    CERT_CONCURRENCY: z.coerce.number().int().positive().default(4),
    /**
     * At most this many certificates started per second by one worker process (a BullMQ limiter;
     * 0, the default: no limit). A cap spreads a cohort's certificates over the minutes after an
     * exam instead of its first seconds (docs/decisions/107).
     */
    CERT_PER_SECOND: z.coerce.number().int().min(0).default(0),
    /**
     * Background work (certificates, the dashboard refresh) waits while more than this many
     * submissions wait to be graded (an exam is ending: learners first); 0 turns the wait off.
     * A certificate waits at most CERT_YIELD_MAX_MS, the dashboard refresh at most 5 minutes.
     * 10 (was 100): at an exam end's first seconds the backlog is still small, and certificates
     * issued then took the CPU the web server needed most (docs/decisions/108).
     */
    BACKGROUND_YIELD_BACKLOG: z.coerce.number().int().min(0).default(10),
    /**
     * How long background work keeps yielding after a grading batch of BACKGROUND_YIELD_BACKLOG
     * or more attempts (an exam's end under way), even when nothing waits; 0: only the backlog
     * counts (docs/decisions/109).
     */
    BACKGROUND_YIELD_HOLD_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    CERT_YIELD_MAX_MS: z.coerce.number().int().min(0).max(600_000).default(180_000),
    /** Days after a completion when the direct supervisor is asked the L3 (behaviour) check. */
    EVAL_L3_DELAY_DAYS: z.coerce.number().int().min(0).max(365).default(42),
    /** How often the L3 sweep looks for completions that are due. */
    EVAL_SWEEP_MS: z.coerce.number().int().positive().default(600_000),
  })
  .superRefine((v, ctx) => {
    if (v.NODE_ENV === 'production' && KNOWN_EXAMPLE_SECRETS.includes(v.SESSION_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message:
          'is the example value from .env.example: run scripts/setup.sh (it writes a random one) or set your own (openssl rand -hex 32)',
      })
    }
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
