import { useTranslation } from 'react-i18next'
import { Segmented } from '../../components/ui/segmented'
import { chooseLanguage, type Language } from '../../i18n'

export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation()
  const value: Language = i18n.language === 'de' ? 'de' : 'en'
  return (
    <Segmented<Language>
      className={className ? `segmented-compact ${className}` : 'segmented-compact'}
      label={t('shell.language')}
      value={value}
      onChange={(lng) => void chooseLanguage(lng)}
      options={[
        { value: 'en', label: <abbr title="English" lang="en">EN</abbr> },
        { value: 'de', label: <abbr title="Deutsch" lang="de">DE</abbr> },
      ]}
    />
  )
}
