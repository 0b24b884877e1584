// The public certificate verification form (GET): the number as typed; the result page says
// "unknown" for anything that is not a certificate number.
import { z } from 'zod'
import { searchText } from './search'

export const verifyQuerySchema = z.object({ kode: searchText(200) })
