import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { homeData } from '~/models/home.server'
import { requireUser } from '~/utils/auth.server'
import { formatNip } from '~/utils/nip'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return homeData(user)
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { me } = data
  return (
    <>
      <h1>{t('home.greeting', { name: me.name })}</h1>
      <section className="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{me.name}</h2>
        <dl className="facts">
          <dt>{t('home.nip')}</dt>
          <dd>{formatNip(me.nip)}</dd>
          <dt>{t('home.employeeKind')}</dt>
          <dd>{me.employeeKind}</dd>
          <dt>{t('home.unit')}</dt>
          <dd data-testid="my-unit">
            {me.unitPath.length ? me.unitPath.join(' › ') : t('home.noUnit')}
          </dd>
          <dt>{t('home.jabatan')}</dt>
          <dd data-testid="my-jabatan">
            {me.jabatan
              ? `${me.jabatan.name} (${t(`jabatanKind.${me.jabatan.kind}`)})`
              : t('home.noUnit')}
          </dd>
          <dt>{t('home.roles')}</dt>
          <dd data-testid="my-roles">
            {me.roles.map((r) => (
              <span key={r} className="tag">
                {t(`roles.${r}`)}
              </span>
            ))}
          </dd>
          {me.supervisor ? (
            <>
              <dt>Atasan langsung</dt>
              <dd>{me.supervisor}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {data.learner ? (
        <section className="card" aria-labelledby="learn-heading">
          <h2 id="learn-heading">Pembelajaran tahun {data.learner.year}</h2>
          <p data-testid="jp-summary">
            {data.me.employeeKind === 'PPPK' ? (
              <>
                <strong>{data.learner.jp} JP</strong> dari batas {data.learner.target} JP per tahun
                untuk PPPK.
              </>
            ) : (
              <>
                <strong>{data.learner.jp} JP</strong> dari target minimal {data.learner.target} JP
                {data.learner.jp >= data.learner.target
                  ? ' — target tahun ini tercapai.'
                  : ` — ${data.learner.target - data.learner.jp} JP lagi.`}
              </>
            )}
          </p>
          <div className="progress" aria-hidden="true">
            <span
              style={{ width: `${Math.min(100, (data.learner.jp / data.learner.target) * 100)}%` }}
            />
          </div>
          <p>
            {data.learner.activeCourses} kursus sedang berjalan, {data.learner.completedCourses}{' '}
            selesai. <Link to="/courses">Buka katalog kursus</Link>
          </p>
        </section>
      ) : null}

      {data.supervisor ? (
        <section className="card" aria-labelledby="team-heading">
          <h2 id="team-heading">Tim Anda</h2>
          <p data-testid="team-count">
            {data.supervisor.people} pegawai dalam unit dan bawahan langsung Anda.{' '}
            <Link to="/team">Lihat tim</Link>
          </p>
        </section>
      ) : null}

      {data.instructor ? (
        <section className="card" aria-labelledby="teach-heading">
          <h2 id="teach-heading">Kursus</h2>
          <p>
            {data.instructor.published} kursus terbit, {data.instructor.drafts} draf.{' '}
            <Link to="/authoring">Kelola kursus</Link>
          </p>
        </section>
      ) : null}

      {data.admin ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">Administrasi</h2>
          <p data-testid="admin-summary">
            {data.admin.users} akun aktif, {data.admin.units} unit organisasi, {data.admin.opd}{' '}
            perangkat daerah.
          </p>
          <p>
            <Link to="/admin/users">Kelola pengguna</Link> ·{' '}
            <Link to="/admin/org">Pohon organisasi</Link>
          </p>
        </section>
      ) : null}
    </>
  )
}
