import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert'
import { Spinner } from '../../../components/ui/spinner'

/** The formats on our labels: EAN-13/8, UPC-A/E, and internal Code 128. */
const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128']
const SAME_CODE_MS = 1500

type Detector = { detect: (source: HTMLVideoElement) => Promise<Array<{ rawValue: string }>> }
type DetectorCtor = (new (options: { formats: string[] }) => Detector) & { getSupportedFormats?: () => Promise<string[]> }

/**
 * Reads barcodes from the device camera: the browser's BarcodeDetector where it has one, ZXing
 * (loaded only here, only then) otherwise. This module itself is lazy: it is not in the initial bundle.
 */
export default function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const handler = useRef(onCode)
  const [state, setState] = useState<'starting' | 'running' | 'denied' | 'unavailable'>('starting')
  useEffect(() => {
    handler.current = onCode
  })

  useEffect(() => {
    let stopped = false
    let stop = () => {}
    let last = { code: '', at: 0 }
    const emit = (code: string) => {
      const now = Date.now()
      if (code === last.code && now - last.at < SAME_CODE_MS) return
      last = { code, at: now }
      handler.current(code)
    }
    const start = async () => {
      const el = video.current
      if (!el || !navigator.mediaDevices?.getUserMedia) throw new DOMException('No camera', 'NotFoundError')
      const Ctor = (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector
      if (Ctor) {
        const supported = (await Ctor.getSupportedFormats?.()) ?? FORMATS
        const detector = new Ctor({ formats: FORMATS.filter((f) => supported.includes(f)) })
        const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        if (stopped) return stream.getTracks().forEach((tr) => tr.stop())
        el.srcObject = stream
        await el.play()
        setState('running')
        const timer = setInterval(() => {
          if (el.readyState < 2) return
          detector
            .detect(el)
            .then((codes) => codes[0] && emit(codes[0].rawValue))
            .catch(() => {})
        }, 200)
        stop = () => {
          clearInterval(timer)
          stream.getTracks().forEach((tr) => tr.stop())
        }
        return
      }
      const { BrowserMultiFormatReader } = await import('@zxing/browser')
      if (stopped) return
      const reader = new BrowserMultiFormatReader()
      const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' }, audio: false }, el, (result) => {
        if (result) emit(result.getText())
      })
      if (stopped) return controls.stop()
      setState('running')
      stop = () => controls.stop()
    }
    start().catch((err: unknown) => {
      if (stopped) return
      const name = err instanceof DOMException ? err.name : ''
      setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable')
    })
    return () => {
      stopped = true
      stop()
    }
  }, [])

  return (
    <div className="camera">
      <video ref={video} className="camera-video" muted playsInline aria-label={t('scan.cameraView')} hidden={state === 'denied' || state === 'unavailable'} />
      {state === 'starting' && (
        <div className="camera-overlay">
          <Spinner label={t('scan.cameraStarting')} />
        </div>
      )}
      {state === 'running' && <div className="camera-aim" aria-hidden="true" />}
      {state === 'denied' && <Alert tone="warning" title={t('scan.cameraDeniedTitle')}>{t('scan.cameraDenied')}</Alert>}
      {state === 'unavailable' && <Alert tone="warning" title={t('scan.cameraUnavailableTitle')}>{t('scan.cameraUnavailable')}</Alert>}
    </div>
  )
}
