import { describe, expect, it } from 'vitest'
import type { WorkflowBody, WorkflowEdge, WorkflowNode } from '../../../src/shared/schemas/workflows'
import { validateWorkflow } from '../../../src/main/core/dag/validate'

const node = (id: string, type: WorkflowNode['type'], config: Record<string, unknown> = {}): WorkflowNode => ({ id, type, config, position: { x: 0, y: 0 } })
const edge = (source: string, target: string, sourceHandle?: 'true' | 'false'): WorkflowEdge => ({ id: `${source}-${target}`, source, target, sourceHandle })
const llm = (id: string, prompt: string): WorkflowNode => node(id, 'LLM', { model: 'auto', prompt })
const START = node('start', 'START', { inputs: [{ name: 'topic', type: 'string', required: true }] })
const END = node('end', 'END')

const kinds = (body: WorkflowBody, ctx = {}) => validateWorkflow(body, ctx).map((i) => [i.kind, i.nodeId])

describe('workflow validation', () => {
  it('accepts a sound graph', () => {
    expect(validateWorkflow({ nodes: [START, llm('ask', 'About {{input.topic}}'), END], edges: [edge('start', 'ask'), edge('ask', 'end')] })).toEqual([])
  })

  it('reports a cycle on each node of it', () => {
    const issues = validateWorkflow({ nodes: [START, llm('a', 'x'), llm('b', 'y'), END], edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'a'), edge('b', 'end')] })
    expect(issues.filter((i) => i.kind === 'cycle').map((i) => i.nodeId).sort()).toEqual(['a', 'b'])
    expect(issues[0]!.message).toMatch(/is on a cycle/)
  })

  it('reports nodes START cannot reach', () => {
    expect(kinds({ nodes: [START, llm('a', 'x'), llm('lonely', 'y'), END], edges: [edge('start', 'a'), edge('a', 'end')] })).toEqual([['unreachable', 'lonely']])
  })

  it('reports a missing required field as a missing input, naming the node and field', () => {
    const issues = validateWorkflow({ nodes: [START, node('ask', 'LLM', { model: 'auto' }), END], edges: [edge('start', 'ask'), edge('ask', 'end')] })
    expect(issues).toEqual([expect.objectContaining({ kind: 'missing-input', nodeId: 'ask', field: 'prompt', message: 'ask: prompt: required.' })])
  })

  it('reports a missing tool argument against the tool schema', () => {
    const issues = validateWorkflow(
      { nodes: [START, node('t', 'TOOL', { tool: 'weather', arguments: {} }), END], edges: [edge('start', 't'), edge('t', 'end')] },
      { toolRequired: (name: string) => (name === 'weather' ? ['city'] : null) }
    )
    expect(issues).toEqual([expect.objectContaining({ kind: 'missing-input', nodeId: 't', field: 'arguments.city' })])
  })

  it('reports unknown variables: undeclared input, a node not upstream, a missing node, item outside a loop', () => {
    const issues = validateWorkflow({
      nodes: [START, llm('a', '{{input.nope}} {{b}} {{ghost.x}} {{item}} {{secret.KEY}}'), llm('b', 'hi'), END],
      edges: [edge('start', 'a'), edge('start', 'b'), edge('a', 'end'), edge('b', 'end')]
    })
    expect(issues.map((i) => [i.kind, i.nodeId])).toEqual(Array(4).fill(['unknown-variable', 'a']))
    expect(issues.map((i) => i.message)).toEqual([
      'a: prompt: {{input.nope}}: the workflow has no input "nope" (START declares topic).',
      'a: prompt: {{b}}: "b" does not run before this node; connect it upstream to use its output.',
      'a: prompt: {{ghost.x}} is unknown: no node "ghost", and not input., secret. or item.',
      'a: prompt: {{item}} exists only inside a LOOP body.'
    ])
  })

  it('reports bad configuration: an unknown enum, a JSONata syntax error', () => {
    const issues = validateWorkflow({
      nodes: [START, node('t', 'TRANSFORM', { language: 'cobol', code: 'x' }), node('c', 'CONDITION', { expression: 'a ==== b' }), END],
      edges: [edge('start', 't'), edge('t', 'c'), edge('c', 'end', 'true')]
    })
    expect(issues.map((i) => [i.kind, i.nodeId, i.field])).toEqual([
      ['bad-config', 't', 'language'],
      ['bad-config', 'c', 'expression']
    ])
  })

  it('reports bad edges: missing node, into START, out of END, condition without a branch', () => {
    const issues = validateWorkflow({
      nodes: [START, node('c', 'CONDITION', { expression: 'true' }), END],
      edges: [edge('start', 'c'), edge('c', 'end'), edge('end', 'start'), edge('start', 'ghost')]
    })
    expect(issues.filter((i) => i.kind === 'bad-edge').map((i) => i.message)).toEqual([
      'An edge from the condition "c" must leave by its true or false handle.',
      'Nothing can lead into START: it is where a run begins.',
      'END is where a run ends: nothing can follow it.',
      'The edge start-ghost connects a missing node "ghost".'
    ])
  })

  it('reports structure: no START, no END, duplicate ids', () => {
    expect(kinds({ nodes: [llm('a', 'x'), llm('a', 'y')], edges: [] }).filter(([k]) => k === 'structure')).toEqual([
      ['structure', 'a'],
      ['structure', null],
      ['structure', null]
    ])
  })

  it('checks a loop body with item in scope, pointing at the LOOP node', () => {
    const body = { nodes: [node('s', 'START'), llm('inner', '{{item}} and {{nothing}}'), node('e', 'END')], edges: [edge('s', 'inner'), edge('inner', 'e')] }
    const issues = validateWorkflow({ nodes: [START, node('each', 'LOOP', { items: 'input.list', body }), END], edges: [edge('start', 'each'), edge('each', 'end')] })
    expect(issues).toEqual([expect.objectContaining({ kind: 'unknown-variable', nodeId: 'each', field: 'body.inner' })])
    expect(issues[0]!.message).toMatch(/^In the loop body of each: inner: prompt: \{\{nothing\}\}/)
  })
})
