// The same serving path as Bina's server/index.ts in production (Express, static assets,
// @remix-run/express), without the application's own middleware.
import { createRequestHandler } from '@remix-run/express'
import express from 'express'

const app = express()
app.disable('x-powered-by')
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))
const build = await import(new URL('./build/server/index.js', import.meta.url).href)
app.all('*', createRequestHandler({ build, mode: 'production' }))
const port = Number(process.env.PORT ?? 3217)
app.listen(port, '127.0.0.1', () => console.log(`bare Remix listening on ${port}`))
