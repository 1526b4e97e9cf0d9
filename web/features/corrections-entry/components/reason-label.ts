import { useTranslation } from 'react-i18next'

/** The server's reason labels come in both languages; pick the one on screen. */
export function useReasonText() {
  const { i18n } = useTranslation()
  return (label: { en: string; de: string }) => (i18n.language === 'de' ? label.de : label.en)
}
