// "Download certificate" on the course page: the learner's certificate for this course.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { myCertificateForCourse } from '~/models/certificate.server'
import { requireUser } from '~/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const cert = await myCertificateForCourse(user.id, params.slug ?? '')
  // Not issued yet (the job is still running): the list says so.
  if (!cert?.pdfKey) return redirect('/sertifikat')
  return redirect(`/sertifikat/unduh/${cert.code}`)
}
