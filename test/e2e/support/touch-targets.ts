import type { Page } from 'playwright-core'

/** Tablet-first: every control a finger has to hit is at least this big (CSS px, both ways). */
export const MIN_TARGET = 44

export type SmallTarget = { what: string; width: number; height: number }

/**
 * Every visible button, link, form control (and element with a control's role) on the page whose touch
 * target is smaller than `min` × `min` CSS px. A checkbox or radio counts with its label (the label is
 * what a finger hits; a visually hidden input in a segmented control is measured by its label too).
 * Hidden things are skipped: `display: none`, `visibility: hidden`, opacity 0, and elements clipped to
 * 1 px (the skip link until it is focused). An empty list means the page passes.
 */
export async function smallTouchTargets(page: Page, min = MIN_TARGET): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const SELECTOR = [
      'a[href]',
      'button',
      'input:not([type="hidden"])',
      'select',
      'textarea',
      'summary',
      '[role="button"]',
      '[role="link"]',
      '[role="tab"]',
      '[role="radio"]',
      '[role="checkbox"]',
      '[role="switch"]',
      '[role="menuitem"]',
      '[role="option"]',
    ].join(',')
    const shown = (el: Element) => {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false
      const r = el.getBoundingClientRect()
      return r.width > 1 && r.height > 1
    }
    const describe = (el: Element) => {
      const tag = el.tagName.toLowerCase()
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : ''
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
      const name =
        el.getAttribute('aria-label') ??
        (el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0].textContent : null) ??
        el.getAttribute('placeholder') ??
        el.textContent
      return `${tag}${type}${cls} "${(name ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`
    }
    const seen = new Set<Element>()
    const small: Array<{ what: string; width: number; height: number }> = []
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (seen.has(el)) continue
      seen.add(el)
      const labels = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? [...(el.labels ?? [])] : []
      // The boxes a tap on this control may land on: the control itself if shown, and its labels.
      const boxes = [el, ...labels].filter(shown).map((b) => b.getBoundingClientRect())
      if (boxes.length === 0) continue
      if (boxes.some((r) => r.width >= min - 0.5 && r.height >= min - 0.5)) continue
      const best = boxes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a))
      small.push({ what: describe(el), width: Math.round(best.width * 10) / 10, height: Math.round(best.height * 10) / 10 })
    }
    return small
  }, min)
}
