import en from './locales/en'
import id from './locales/id'

export const supportedLngs = ['id', 'en'] as const
export type Lng = (typeof supportedLngs)[number]

export const resources = { id: { common: id }, en: { common: en } }

export default {
  supportedLngs: [...supportedLngs],
  fallbackLng: 'id',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
}
