import type { ReactElement } from 'react'
import { Page } from '../components/Page'
import { ComingSoon } from '../components/ComingSoon'

export function RegistryPage(): ReactElement {
  return (
    <Page title="Registry" description="Everything NEXUS knows about: models, prompts, workflows and runs.">
      <ComingSoon
        icon="registry"
        summary="The registry will index your models, providers, prompts, workflows and conversations so you can find and relate them."
        planned={[
          'Full-text and semantic search over everything stored locally',
          'Relationships between entities (which workflow uses which model)',
          'Usage analytics and alerts on unusual cost or latency'
        ]}
      />
    </Page>
  )
}
