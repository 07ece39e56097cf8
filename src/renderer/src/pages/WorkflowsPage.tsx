import { useEffect, type ReactElement } from 'react'
import { Page } from '../components/Page'
import { Builder } from '../components/workflows/Builder'
import { WorkflowList } from '../components/workflows/WorkflowList'
import { useWorkflows } from '../stores/workflows'

export function WorkflowsPage(): ReactElement {
  const open = useWorkflows((s) => s.doc !== null)
  useEffect(() => {
    const store = useWorkflows.getState()
    void store.load()
    store.reopen()
  }, [])
  return (
    <Page wide title="Workflows" description="Personal automations drawn as graphs of steps: build, run and watch them here.">
      {open ? <Builder /> : <WorkflowList />}
    </Page>
  )
}
