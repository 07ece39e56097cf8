// Must stay the first import: it configures zod before any schema is built or used.
import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyTheme, cachedTheme } from './lib/theme'
import './styles/tokens.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/components.css'
import './styles/screens.css'
import './styles/forms.css'
import './styles/markdown.css'
import './styles/providers.css'
import './styles/chat.css'
import './styles/messages.css'
import './styles/monitor.css'
import './styles/routing.css'
import '@xyflow/react/dist/style.css'
import './styles/workflows.css'
import './styles/workflow-panels.css'
import './styles/tools.css'

// Apply the last known theme before the first paint; the core's setting follows.
applyTheme(cachedTheme())

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
