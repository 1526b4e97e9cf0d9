import { useEffect, useRef } from 'react'
import { createScanListener, type ScanListenerOptions } from '../lib/scan-listener'

/** Listens for wedge-scanner bursts on the whole window while the calling component is mounted. */
export function useScanListener(onScan: ScanListenerOptions['onScan'], enabled = true) {
  const handler = useRef(onScan)
  useEffect(() => {
    handler.current = onScan
  })
  useEffect(() => {
    if (!enabled) return
    return createScanListener({ onScan: (code, target) => handler.current(code, target) })
  }, [enabled])
}
