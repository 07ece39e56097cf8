import type { NexusClient } from '../../../shared/client'
import { useChat, remembered } from './chat'
import { useConversations } from './conversations'
import { useModels } from './models'
import { useProviders } from './providers'
import { useMonitorEvents } from './monitorEvents'
import { useDeadLetters } from './deadLetters'
import { useWorkflows } from './workflows'
import { useWorkflowRuns } from './workflowRuns'

let opened = false

/** Routes the core's provider and chat events to their stores. Called once per window. */
export function subscribeLive(nexus: NexusClient): void {
  nexus.on('providers.changed', (providers) => {
    useProviders.getState().receive(providers)
    useModels.getState().reloadSoon()
  })
  nexus.on('chat.delta', (delta) => useChat.getState().receiveDelta(delta))
  nexus.on('chat.message', (message) => {
    useChat.getState().receiveMessage(message)
    // Message counts and the newest-first order of the list change with every message.
    useConversations.getState().reloadSoon()
  })
  nexus.on('breaker.transition', (event) => useMonitorEvents.getState().receiveBreaker(event))
  nexus.on('routing.fallback', (event) => useMonitorEvents.getState().receiveFallback(event))
  nexus.on('deadLetters.changed', (event) => useDeadLetters.getState().receive(event))
  nexus.on('workflows.changed', (change) => useWorkflows.getState().receiveChange(change))
  nexus.on('workflow.run', (run) => useWorkflowRuns.getState().receiveRun(run))
  nexus.on('workflow.node', (event) => useWorkflowRuns.getState().receiveNode(event))
  nexus.on('workflow.log', (log) => useWorkflowRuns.getState().receiveLog(log))
  nexus.on('conversations.changed', ({ id, deleted }) => {
    useConversations.getState().reloadSoon()
    const chat = useChat.getState()
    if (chat.conversation?.id !== id) return
    if (deleted) void chat.open(null)
    else void nexus.call('conversations.get', { id }).then(
      ({ messages: _m, ...summary }) => useChat.getState().receiveSummary(summary),
      () => {}
    )
  })
}

/**
 * After every (re)connection: reload what events may have missed meanwhile. Failures land in
 * each store's `error`, shown by the page that uses it.
 */
export function reloadLive(): void {
  void useProviders.getState().load()
  void useModels.getState().load()
  void useConversations.getState().load()
  if (useWorkflows.getState().loaded) void useWorkflows.getState().load()
  const chat = useChat.getState()
  if (!opened) {
    opened = true
    const last = remembered('conversation')
    if (last) void chat.open(last)
  } else {
    void chat.reload()
  }
}
