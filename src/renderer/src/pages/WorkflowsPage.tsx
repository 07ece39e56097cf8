import type { ReactElement } from 'react'
import { Page } from '../components/Page'
import { ComingSoon } from '../components/ComingSoon'

export function WorkflowsPage(): ReactElement {
  return (
    <Page title="Workflows" description="Personal automations drawn as graphs of steps.">
      <ComingSoon
        icon="workflows"
        summary="Workflows will let you draw automations as graphs: prompts, model calls, tools and conditions connected into one run."
        planned={[
          'A graph editor with validation as you draw',
          'Runs that report progress in the Activity panel and can be cancelled',
          'Durable runs that resume after a restart',
          'Run any workflow from the command line with nexus'
        ]}
      />
    </Page>
  )
}
