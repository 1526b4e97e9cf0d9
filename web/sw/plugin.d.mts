import type { Plugin } from 'vite'

export declare function serviceWorker(options?: { publicFiles?: string[] }): Plugin
