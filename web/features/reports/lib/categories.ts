/** The category labels live with the strings (the floor and back room show them too). */
export { categoryLabel } from '../../../i18n/categories'
