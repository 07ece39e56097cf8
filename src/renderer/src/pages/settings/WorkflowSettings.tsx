import type { ReactElement } from 'react'
import { Section } from '../../components/Page'
import { SecretsPanel } from '../../components/tools/SecretsPanel'
import { ToolsPanel } from '../../components/tools/ToolsPanel'

/** Settings > Workflows: the tools TOOL and AGENT nodes call, and the secrets workflows use. */
export function WorkflowSettings(): ReactElement {
  return (
    <>
      <Section
        title="Tools"
        description="Functions workflows can call from TOOL nodes and give to AGENT nodes: a sandboxed JavaScript function or an HTTP request, with a JSON schema for its arguments."
      >
        <ToolsPanel />
      </Section>
      <Section
        title="Secrets"
        description="Values workflows use as {{secret.NAME}}, kept in the OS keychain. They are filled in only while a workflow runs, and never shown, exported or logged."
      >
        <SecretsPanel />
      </Section>
    </>
  )
}
