import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import de from './de.json'
import en from './en.json'
import officeDe from './office.de.json'
import officeEn from './office.en.json'

export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

/** The office workspace keeps its strings in office.{en,de}.json, merged under the "office" key. */
const withOffice = <B extends { office: object }, O extends object>(base: B, office: O) =>
  ({ ...base, office: { ...base.office, ...office } }) as Omit<B, 'office'> & { office: Omit<B['office'], keyof O> & O }

export const resources = { en: { translation: withOffice(en, officeEn) }, de: { translation: withOffice(de, officeDe) } } as const

const STORAGE_KEY = 'backstore.language'

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language)

/** Maps a BCP 47 tag such as "de-AT" to one of our languages, or null. */
export function toLanguage(tag: string | null | undefined): Language | null {
  const base = tag?.toLowerCase().split(/[-_]/)[0]
  return isLanguage(base) ? base : null
}

const storage = () => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** The language the person picked on this device, if any (it wins over their profile's locale). */
export const chosenLanguage = (): Language | null => toLanguage(storage()?.getItem(STORAGE_KEY))

function initialLanguage(): Language {
  return chosenLanguage() ?? toLanguage(typeof navigator === 'undefined' ? null : navigator.language) ?? 'en'
}

export function initI18n(lng: Language = initialLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
    })
    i18next.on('languageChanged', (l) => {
      if (typeof document !== 'undefined') document.documentElement.lang = l
    })
    if (typeof document !== 'undefined') document.documentElement.lang = lng
  }
  return i18next
}

/** A choice made with the language switch: applied now and remembered on this device. */
export function chooseLanguage(lng: Language) {
  storage()?.setItem(STORAGE_KEY, lng)
  return i18next.changeLanguage(lng)
}

/** Follows the signed-in person's locale unless someone picked a language on this device. */
export function followUserLocale(locale: string | null | undefined) {
  const lng = toLanguage(locale)
  if (lng && !chosenLanguage() && i18next.language !== lng) void i18next.changeLanguage(lng)
}

export { i18next }
