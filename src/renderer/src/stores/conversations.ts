import { create } from 'zustand'
import type { ConversationSummary } from '../../../shared/schemas/chat'
import { client, errorMessage } from './session'

interface ConversationsStore {
  list: ConversationSummary[]
  query: string
  loaded: boolean
  error: string | null
  load(): Promise<void>
  reloadSoon(): void
  setQuery(query: string): void
  rename(id: string, title: string): Promise<boolean>
  remove(id: string): Promise<boolean>
  /** Puts a summary the core just returned into the list without waiting for a reload. */
  upsert(summary: ConversationSummary): void
}

const RELOAD_DELAY_MS = 200
let timer: number | undefined
let generation = 0

export const useConversations = create<ConversationsStore>()((set, get) => ({
  list: [],
  query: '',
  loaded: false,
  error: null,
  async load() {
    generation += 1
    const mine = generation
    const query = get().query.trim()
    try {
      const list = await client().call('conversations.list', query ? { query } : {})
      if (mine === generation) set({ list, loaded: true, error: null })
    } catch (err) {
      if (mine === generation) set({ loaded: true, error: errorMessage(err) })
    }
  },
  reloadSoon() {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void get().load(), RELOAD_DELAY_MS)
  },
  setQuery(query) {
    set({ query })
    get().reloadSoon()
  },
  async rename(id, title) {
    try {
      get().upsert(await client().call('conversations.update', { id, title }))
      return true
    } catch (err) {
      set({ error: `Could not rename the conversation: ${errorMessage(err)}` })
      return false
    }
  },
  async remove(id) {
    try {
      await client().call('conversations.delete', { id })
      set({ list: get().list.filter((c) => c.id !== id), error: null })
      return true
    } catch (err) {
      set({ error: `Could not delete the conversation: ${errorMessage(err)}` })
      return false
    }
  },
  upsert(summary) {
    const others = get().list.filter((c) => c.id !== summary.id)
    const query = get().query.trim().toLowerCase()
    if (query && !summary.title.toLowerCase().includes(query)) {
      set({ list: others })
      return
    }
    const list = [summary, ...others].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    set({ list, error: null })
  }
}))
