import type { TFunction } from 'i18next'

/**
 * A catalog category key ("groceries") in the UI language. The chain's categories have labels in
 * both languages (office.categories, loaded in every workspace); an unknown key is shown as it is rather than hidden.
 */
export const categoryLabel = (t: TFunction, key: string) => t(`office.categories.${key as 'dairy'}`, { defaultValue: key })
