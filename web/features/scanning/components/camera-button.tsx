import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { CameraIcon } from '../../../components/ui/icons'
import { Spinner } from '../../../components/ui/spinner'

const CameraScanner = lazy(() => import('./camera-scanner'))

/**
 * Opens the camera to scan. `continuous` keeps it open for scan after scan (receiving), showing the
 * last code; otherwise the first code closes it.
 */
export function CameraButton({
  onCode,
  continuous = false,
  lastResult,
  label,
}: {
  onCode: (code: string) => void
  continuous?: boolean
  /** What became of the last scan (shown under the picture in continuous mode). */
  lastResult?: string | null
  label?: string
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const hasCamera = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
  if (!hasCamera) return null
  return (
    <>
      <Button icon={<CameraIcon />} onClick={() => setOpen(true)} className="camera-button">
        {label ?? t('scan.camera')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('scan.cameraTitle')} closeLabel={t('common.close')}>
        {open && (
          <Suspense fallback={<Spinner label={t('common.loading')} />}>
            <CameraScanner
              onCode={(code) => {
                onCode(code)
                if (!continuous) setOpen(false)
              }}
            />
          </Suspense>
        )}
        {continuous && lastResult && (
          <p className="camera-result" role="status">
            {lastResult}
          </p>
        )}
      </Dialog>
    </>
  )
}
