import { useScanListener } from '../../../hooks/use-scan-listener'

/**
 * Wedge-scanner input for a screen: a scan anywhere on the page (not typed into a field) reaches
 * `onScan`. While a dialog is open the scan belongs to the dialog, unless it says it takes scans
 * (`data-takes-scans`), so nothing changes unseen behind it.
 */
export function useWedgeScan(onScan: (code: string) => void, enabled = true) {
  useScanListener((code) => {
    const dialog = document.querySelector('dialog[open]')
    if (dialog && !dialog.querySelector('[data-takes-scans]')) return
    onScan(code)
  }, enabled)
}
