// Admin: the organisation tree with subtree head counts; add, rename, move and close units
// (history kept, audited). Plain forms: works without JavaScript (docs/decisions/081).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, StatusButton } from '~/components/forms'
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
  const submission = parseWithZod(await readForm(request), { schema: unitFormSchema })
  if (submission.status !== 'success') {
    const intent = submission.payload.intent
    return data(
      {
        result: submission.reply(),
        intent: typeof intent === 'string' ? intent : null,
        error: null,
      },
      { status: 400 },
    )
  }
  const ctx = { actorId: admin.id, at: new Date(receivedAt(request)), ip: clientMeta(request).ip }
  const f = submission.value
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
        { result: submission.reply(), intent: f.intent, error: { code: e.code, params: e.params } },
        { status: e.status },
      )
    throw e
  }
})

/** One of the page's forms on the shared unit schema; the last reply shows on its own form. */
function useUnitForm(intent: string, defaultValue: Record<string, string>) {
  const result = useActionData<typeof action>()
  return useForm({
    id: `unit-${intent}`,
    lastResult: result?.intent === intent && !result.error ? result.result : undefined,
    defaultValue: { intent, ...defaultValue },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitFormSchema }),
  })
}

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
          {label(n)}
          {n.children.length ? (
            <details open={n.kind === 'PROVINSI'}>
              <summary>{t('orgArea.tree.children', { count: n.children.length })}</summary>
              <Branch nodes={n.children} />
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

type UnitOption = { id: string; name: string; code: string; depth: number }

/** Rename, move and close the selected unit: three forms on the shared schema. */
function EditUnit({
  selected,
  moveTargets,
}: {
  selected: { id: string; name: string }
  moveTargets: UnitOption[]
}) {
  const { t } = useTranslation()
  const [renameForm, rename] = useUnitForm('rename', { unitId: selected.id, name: selected.name })
  const [moveForm, move] = useUnitForm('move', { unitId: selected.id, parentId: '' })
  const [closeForm, close] = useUnitForm('close', { unitId: selected.id })
  return (
    <>
      <Form method="post" className="stack" {...getFormProps(renameForm)}>
        <input {...getInputProps(rename.unitId, { type: 'hidden' })} />
        <Field
          label={t('orgArea.tree.newName')}
          inputProps={{
            ...getInputProps(rename.name, { type: 'text' }),
            id: 'rename-name',
            required: true,
            maxLength: 200,
          }}
          errors={rename.name.errors}
        />
        <ErrorList errors={rename.unitId.errors} />
        <StatusButton intent="rename">{t('orgArea.tree.rename')}</StatusButton>
      </Form>
      <Form method="post" className="stack" {...getFormProps(moveForm)}>
        <input {...getInputProps(move.unitId, { type: 'hidden' })} />
        <Field
          label={t('orgArea.tree.moveUnder')}
          selectProps={{ ...getSelectProps(move.parentId), id: 'move-parent', required: true }}
          errors={move.parentId.errors}
        >
          <option value="" disabled>
            {t('orgArea.tree.pickParent')}
          </option>
          {moveTargets.map((u) => (
            <option key={u.id} value={u.id}>
              {indent(u.depth)}
              {u.name} ({u.code})
            </option>
          ))}
        </Field>
        <StatusButton intent="move">{t('orgArea.tree.move')}</StatusButton>
      </Form>
      <Form method="post" {...getFormProps(closeForm)}>
        <input {...getInputProps(close.unitId, { type: 'hidden' })} />
        <p className="hint">{t('orgArea.tree.closeHint')}</p>
        <ErrorList errors={close.unitId.errors} />
        <StatusButton intent="close" className="button-danger">
          {t('orgArea.tree.close')}
        </StatusButton>
      </Form>
    </>
  )
}

/** Adds a unit under an open one. */
function AddUnit({ open, parentId }: { open: UnitOption[]; parentId: string }) {
  const { t } = useTranslation()
  const [form, fields] = useUnitForm('create', { parentId, code: '', name: '', kind: 'BIDANG' })
  return (
    <Form method="post" className="stack" data-testid="org-add" {...getFormProps(form)}>
      <Field
        label={t('orgArea.tree.parent')}
        selectProps={{ ...getSelectProps(fields.parentId), id: 'add-parent', required: true }}
        errors={fields.parentId.errors}
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
      </Field>
      <Field
        label={t('orgArea.tree.code')}
        hint={t('orgArea.tree.codeHint')}
        inputProps={{
          ...getInputProps(fields.code, { type: 'text' }),
          id: 'add-code',
          required: true,
          maxLength: 40,
        }}
        errors={fields.code.errors}
      />
      <Field
        label={t('orgArea.tree.name')}
        inputProps={{
          ...getInputProps(fields.name, { type: 'text' }),
          id: 'add-name',
          required: true,
          maxLength: 200,
        }}
        errors={fields.name.errors}
      />
      <Field
        label={t('orgArea.tree.kind')}
        selectProps={{ ...getSelectProps(fields.kind), id: 'add-kind', required: true }}
        errors={fields.kind.errors}
      >
        {UNIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`orgArea.kinds.${k}`)}
          </option>
        ))}
      </Field>
      <StatusButton intent="create">{t('orgArea.tree.add')}</StatusButton>
    </Form>
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
            <EditUnit selected={selected} moveTargets={moveTargets} />
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
        <AddUnit open={open} parentId={selected && !selected.closed ? selected.id : ''} />
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
