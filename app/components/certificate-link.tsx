import { useTranslation } from 'react-i18next'

/** Download link of the signed-in learner's certificate for a course (a plain document link). */
export function CertificateLink({ slug, course }: { slug: string; course: string }) {
  const { t } = useTranslation()
  return (
    <a
      className="button"
      href={`/sertifikat/kursus/${slug}`}
      data-testid="certificate-download"
      aria-label={t('certs.downloadFor', { course })}
    >
      {t('certs.download')}
    </a>
  )
}

/** Link to the "Sertifikat saya" page (profile). */
export function MyCertificatesLink() {
  const { t } = useTranslation()
  return (
    <p>
      <a href="/sertifikat" data-testid="my-certificates-link">
        {t('certs.navMine')}
      </a>
    </p>
  )
}
