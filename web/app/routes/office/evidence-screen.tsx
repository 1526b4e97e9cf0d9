import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Input } from '../../../components/ui/input'
import { useVerifyChain } from '../../../features/evidence/api/audit'
import { useFormat } from '../../../i18n/format'
import { can } from '../../../lib/authorization'
import { useCurrentStore } from '../../guards'
import { SectionGate } from './section-gate'

export function EvidenceScreen() {
  return (
    <SectionGate section="evidence">
      <Evidence />
    </SectionGate>
  )
}

const ANCHOR = /^\d{1,15}:[0-9a-f]{64}$/

/** For auditors: is the audit trail intact, and the anchor to keep for the next check. */
function Evidence() {
  const { t } = useTranslation()
  const store = useCurrentStore()
  return (
    <div className="screen screen-padded">
      <header className="screen-head">
        <h1 className="screen-title">{t('office.evidence.title')}</h1>
        <p className="screen-sub">{t('office.evidence.lead')}</p>
      </header>
      <div className="report-grid">
        {can(store, 'audit.read') && <ChainCheck />}
        {can(store, 'evidence.export') && (
          <Card title={t('office.evidence.exportTitle')}>
            <p className="muted">{t('office.evidence.exportPending')}</p>
          </Card>
        )}
      </div>
    </div>
  )
}

function ChainCheck() {
  const { t } = useTranslation()
  const f = useFormat()
  const [anchorText, setAnchorText] = useState('')
  const anchor = anchorText.trim()
  const valid = anchor === '' || ANCHOR.test(anchor)
  const verify = useVerifyChain(valid && anchor ? anchor : null)
  const result = verify.data
  return (
    <Card title={t('office.evidence.chainTitle')}>
      <p className="muted card-lead">{t('office.evidence.chainText')}</p>
      <div className="step-up">
        <Input
          label={t('office.evidence.anchor')}
          hint={t('office.evidence.anchorHint')}
          value={anchorText}
          onChange={(e) => setAnchorText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          error={valid ? undefined : t('office.evidence.anchorInvalid')}
        />
        <div>
          <Button variant="primary" onClick={() => void verify.refetch()} loading={verify.isFetching} disabled={!valid}>
            {t('office.evidence.verify')}
          </Button>
        </div>
        {verify.isError && <Alert tone="danger" title={t('errors.genericTitle')}>{verify.error.message}</Alert>}
        {result && (
          <Alert
            tone={result.ok ? 'success' : 'danger'}
            title={result.ok ? t('office.evidence.intact', { count: result.events }) : t('office.evidence.broken', { count: result.problems.length })}
          >
            {result.checkedAgainst && <p>{t('office.evidence.checkedAgainst', { seq: result.checkedAgainst.seq })}</p>}
            {result.problems.length > 0 && (
              <ul className="row-errors">
                {result.problems.slice(0, 20).map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    #{p.seq}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {result && (
          <div className="field">
            <span className="field-label">{t('office.evidence.head')}</span>
            <code className="secret-box" data-testid="audit-anchor">
              {result.head.seq}:{result.head.hash}
            </code>
            <span className="field-hint">{t('office.evidence.headHint', { at: result.head.at ? f.dateTime(result.head.at) : '—' })}</span>
          </div>
        )}
      </div>
    </Card>
  )
}
