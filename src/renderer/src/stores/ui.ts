import { create } from 'zustand'
import { PAGE_IDS, pageFromHash, type PageId } from '../pages/routes'

export type SettingsTab = 'general' | 'providers' | 'routing' | 'workflows'

interface UiStore {
  page: PageId
  /** Counts navigations made by the user, so a page knows to take the focus when shown. */
  navigations: number
  activityOpen: boolean
  settingsTab: SettingsTab
  navigate(page: PageId): void
  setSettingsTab(tab: SettingsTab): void
  /** Opens Settings on one of its tabs (e.g. Chat's "Add a provider"). */
  openSettings(tab: SettingsTab): void
  /** Follows the address bar (back/forward buttons). */
  syncFromLocation(): void
  setActivityOpen(open: boolean): void
}

export const useUi = create<UiStore>()((set, get) => ({
  page: pageFromHash(window.location.hash) ?? PAGE_IDS[0],
  navigations: 0,
  activityOpen: false,
  settingsTab: 'general',
  setSettingsTab(tab) {
    set({ settingsTab: tab })
  },
  openSettings(tab) {
    set({ settingsTab: tab })
    get().navigate('settings')
  },
  navigate(page) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `/${page}`
    set({ page, navigations: get().navigations + 1 })
  },
  syncFromLocation() {
    const page = pageFromHash(window.location.hash)
    if (page && page !== get().page) set({ page, navigations: get().navigations + 1 })
  },
  setActivityOpen(open) {
    set({ activityOpen: open })
  }
}))
