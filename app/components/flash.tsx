/** The result of a form action: a status when it worked, an alert when it did not. */
export function Flash({ ok, message, testId }: { ok: boolean; message: string; testId?: string }) {
  return (
    <p
      className={`alert ${ok ? 'alert-info' : 'alert-error'}`}
      role={ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message}
    </p>
  )
}
