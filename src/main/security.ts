/**
 * The security checklist that is not a BrowserWindow option: who may call IPC, where pages may
 * go, which links may leave the app, and which permissions a page gets (none).
 */
import { BrowserWindow, dialog, shell, type Session, type WebContents, type WebFrameMain } from 'electron'
import { APP_HOST, APP_SCHEME } from './protocol'

/** True for a page of our renderer: app://nexus/..., or in development the dev server's origin. */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // Node gives non-special schemes an opaque "null" origin, so compare scheme and host.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (!devServerUrl) return false
  try {
    const dev = new URL(devServerUrl)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin
  } catch {
    return false
  }
}

/** The part of an IPC event the sender check looks at. */
export interface IpcSender {
  sender: WebContents
  senderFrame: WebFrameMain | null
}
export type SenderCheck = (event: IpcSender) => boolean

/**
 * An IPC message is trusted only from the top frame of one of our windows showing our renderer.
 * Iframes, other origins, detached or destroyed frames are refused.
 */
export function createSenderCheck(options: {
  isOurWebContents: (contents: WebContents) => boolean
  devServerUrl?: string
}): SenderCheck {
  return ({ sender, senderFrame }) => {
    if (!senderFrame || senderFrame.isDestroyed() || senderFrame.detached) return false
    if (senderFrame.parent !== null) return false
    if (sender.isDestroyed() || !options.isOurWebContents(sender)) return false
    if (senderFrame.frameTreeNodeId !== sender.mainFrame.frameTreeNodeId) return false
    return isTrustedRendererUrl(senderFrame.url, options.devServerUrl)
  }
}

/** Only plain web links may be handed to the system browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** Asks the user, then opens an http(s) link in the system browser. Other schemes never open. */
export async function confirmAndOpenExternal(contents: WebContents, url: string): Promise<boolean> {
  if (!isExternalLinkAllowed(url)) return false
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url
  }
  const owner = BrowserWindow.fromWebContents(contents)
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)
  if (response !== 0) return false
  await shell.openExternal(url)
  return true
}

/**
 * Pages never navigate away and never open windows; web links are offered to the system browser
 * after a confirmation; <webview> is refused.
 */
export function hardenWebContents(
  contents: WebContents,
  openExternal: (contents: WebContents, url: string) => Promise<boolean> = confirmAndOpenExternal
): void {
  const offer = (url: string): void => {
    if (!isExternalLinkAllowed(url)) return
    openExternal(contents, url).catch((err: unknown) => console.error('[nexus] opening a link failed:', err))
  }
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    offer(event.url)
  })
  contents.on('will-redirect', (event) => {
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    offer(url)
    return { action: 'deny' }
  })
}

/** No page gets any permission (camera, notifications, clipboard read, devices...). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
