// Admin: the organisation tree with subtree head counts; add, rename, move and close units
// (history kept, audited). Plain forms: works without JavaScript (docs/decisions/081).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, StatusButton } from '~/components/forms'
import {
  closeUnit,
  createUnit,
  moveUnit,
  renameUnit,
  UnitChangeError,
  unitHistory,
  unitTree,
  type UnitNode,
} from '~/models/org.server'
import { idSchema } from '~/schemas/common'
import { UNIT_KINDS, unitFormSchema } from '~/schemas/org'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate, receivedAt } from '~/utils/misc'
import { readForm, readSearchParams, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.org.title' })

type Flat = { id: string; name: string; code: string; depth: number; path: string; closed: boolean }

function flatten(nodes: UnitNode[], depth = 0, path = '/'): Flat[] {
  return nodes.flatMap((n) => [
    { id: n.id, name: n.name, code: n.code, depth, path: `${path}${n.id}/`, closed: !!n.closedAt },
    ...flatten(n.children, depth + 1, `${path}${n.id}/`),
  ])
}

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const params = readSearchParams(request)
  const tree = await unitTree()
  const flat = flatten(tree)
  const selectedId = idSchema.safeParse(params.get('unit') ?? '')
  const selected = selectedId.success ? flat.find((u) => u.id === selectedId.data) : undefined
  const history = selected ? await unitHistory(selected.id) : []
  return { tree, units: flat, selected: selected ?? null, history }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, 'ADMIN')
  const parsed = unitFormSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form')
      ;(fieldErrors[key] ??= []).push(issue.message.includes('.') ? issue.message : 'orgArea.form.invalid')
    }
    return data({ fieldErrors, error: null }, { status: 400 })
  }
  const ctx = { actorId: admin.id, at: new Date(receivedAt(request)), ip: clientMeta(request).ip }
  const f = parsed.data
  try {
    let unitId: string
    if (f.intent === 'create') unitId = (await createUnit(ctx, f)).id
    else if (f.intent === 'rename') unitId = (await renameUnit(ctx, f.unitId, f.name)).id
    else if (f.intent === 'move') unitId = (await moveUnit(ctx, f.unitId, f.parentId)).id
    else unitId = (await closeUnit(ctx, f.unitId)).id
    return redirect(`/admin/org?unit=${unitId}&done=${f.intent}`, 303)
  } catch (e) {
    if (e instanceof UnitChangeError)
      return data(
        { fieldErrors: null, error: { code: e.code, params: e.params } },
        { status: e.status },
      )
    throw e
  }
})

function Branch({ nodes }: { nodes: UnitNode[] }) {
  const { t } = useTranslation()
  const label = (n: UnitNode) => (
    <>
      <Link to={`/admin/org?unit=${n.id}#ubah`}>{n.name}</Link>{' '}
      <span className="count">{t('ui.org.count', { code: n.code, count: n.userCount })}</span>
      {n.closedAt ? <span className="tag">{t('orgArea.tree.closed')}</span> : null}
    </>
  )
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id} data-testid={`unit-${n.code}`}>
          {n.children.length ? (
            <details open={n.kind === 'PROVINSI'}>
              <summary>{label(n)}</summary>
              <Branch nodes={n.children} />
            </details>
          ) : (
            <span>{label(n)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

function indent(depth: number) {
  return '\u00a0\u00a0'.repeat(depth)
}

export default function OrgTree() {
  const { tree, units, selected, history } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const done = params.get('done')
  const fe = result?.fieldErrors ?? {}
  const open = units.filter((u) => !u.closed)
  const moveTargets = selected ? open.filter((u) => !u.path.startsWith(selected.path)) : []
  return (
    <>
      <h1>{t('ui.org.title')}</h1>
      <p>
        <Link to="/admin/import">{t('super.links.import')}</Link> ·{' '}
        <Link to="/supervisi">{t('super.links.dashboard')}</Link> ·{' '}
        <Link to="/admin/audit?entity=Unit">{t('orgArea.tree.auditLink')}</Link>
      </p>
      {done && ['create', 'rename', 'move', 'close'].includes(done) ? (
        <div className="alert alert-info" role="status" data-testid="org-done">
          {t(`orgArea.tree.done.${done}`, { name: selected?.name ?? '' })}
        </div>
      ) : null}
      {result?.error ? (
        <div className="alert alert-error" role="alert" data-testid="org-error">
          {t(result.error.code, result.error.params)}
        </div>
      ) : null}

      {selected ? (
        <section className="card" id="ubah" aria-labelledby="edit-heading" data-testid="org-edit">
          <h2 id="edit-heading">
            {t('orgArea.tree.editHeading', { name: selected.name, code: selected.code })}
          </h2>
          {selected.closed ? (
            <p>{t('orgArea.tree.closedNote')}</p>
          ) : (
            <>
              <Form method="post" className="stack">
                <input type="hidden" name="unitId" value={selected.id} />
                <div className="field">
                  <label htmlFor="rename-name">{t('orgArea.tree.newName')}</label>
                  <input
                    id="rename-name"
                    name="name"
                    defaultValue={selected.name}
                    required
                    maxLength={200}
                    aria-invalid={fe.name ? true : undefined}
                    aria-describedby={fe.name ? 'rename-name-error' : undefined}
                  />
                  <ErrorList id="rename-name-error" errors={fe.name} />
                </div>
                <StatusButton intent="rename">{t('orgArea.tree.rename')}</StatusButton>
              </Form>
              <Form method="post" className="stack">
                <input type="hidden" name="unitId" value={selected.id} />
                <div className="field">
                  <label htmlFor="move-parent">{t('orgArea.tree.moveUnder')}</label>
                  <select id="move-parent" name="parentId" required defaultValue="">
                    <option value="" disabled>
                      {t('orgArea.tree.pickParent')}
                    </option>
                    {moveTargets.map((u) => (
                      <option key={u.id} value={u.id}>
                        {indent(u.depth)}
                        {u.name} ({u.code})
                      </option>
                    ))}
                  </select>
                  <ErrorList errors={fe.parentId} />
                </div>
                <StatusButton intent="move">{t('orgArea.tree.move')}</StatusButton>
              </Form>
              <Form method="post">
                <input type="hidden" name="unitId" value={selected.id} />
                <p className="hint">{t('orgArea.tree.closeHint')}</p>
                <StatusButton intent="close" className="button-danger">
                  {t('orgArea.tree.close')}
                </StatusButton>
              </Form>
            </>
          )}
          <h3>{t('orgArea.tree.history')}</h3>
          {history.length ? (
            <ul data-testid="unit-history">
              {history.map((h) => (
                <li key={h.id}>
                  {formatDate(h.at)} — {t(`orgArea.tree.actions.${h.action}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('orgArea.tree.noHistory')}</p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">{t('orgArea.tree.addHeading')}</h2>
        <Form method="post" className="stack" data-testid="org-add">
          <div className="field">
            <label htmlFor="add-parent">{t('orgArea.tree.parent')}</label>
            <select
              id="add-parent"
              name="parentId"
              required
              defaultValue={selected && !selected.closed ? selected.id : ''}
            >
              <option value="" disabled>
                {t('orgArea.tree.pickParent')}
              </option>
              {open.map((u) => (
                <option key={u.id} value={u.id}>
                  {indent(u.depth)}
                  {u.name} ({u.code})
                </option>
              ))}
            </select>
            <ErrorList errors={fe.parentId} />
          </div>
          <div className="field">
            <label htmlFor="add-code">
              {t('orgArea.tree.code')} <span className="hint">{t('orgArea.tree.codeHint')}</span>
            </label>
            <input
              id="add-code"
              name="code"
              required
              maxLength={40}
              aria-invalid={fe.code ? true : undefined}
              aria-describedby={fe.code ? 'add-code-error' : undefined}
            />
            <ErrorList id="add-code-error" errors={fe.code} />
          </div>
          <div className="field">
            <label htmlFor="add-name">{t('orgArea.tree.name')}</label>
            <input
              id="add-name"
              name="name"
              required
              maxLength={200}
              aria-invalid={fe.name && !selected ? true : undefined}
            />
            {!selected ? <ErrorList errors={fe.name} /> : null}
          </div>
          <div className="field">
            <label htmlFor="add-kind">{t('orgArea.tree.kind')}</label>
            <select id="add-kind" name="kind" required defaultValue="BIDANG">
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`orgArea.kinds.${k}`)}
                </option>
              ))}
            </select>
            <ErrorList errors={fe.kind} />
          </div>
          <StatusButton intent="create">{t('orgArea.tree.add')}</StatusButton>
        </Form>
      </section>

      <section className="card" data-testid="org-tree" aria-label={t('ui.org.title')}>
        <Branch nodes={tree} />
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
