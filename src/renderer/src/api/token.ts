import { TOKEN_PARAM } from '../../../shared/wire'

const STORAGE_KEY = 'nexus.sessionToken'

/**
 * The host puts a session token in the URL it prints. Keep it for this tab (so a reload
 * without the query still works) and take it out of the visible address bar.
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get(TOKEN_PARAM)
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, fromUrl)
    } catch {
      // Storage can be disabled; the token still works until the next reload.
    }
    url.searchParams.delete(TOKEN_PARAM)
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
    return fromUrl
  }
  try {
    return window.sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}
