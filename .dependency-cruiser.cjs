/**
 * The layering of DESIGN.md section 1, checked over the import graph by `npm run depcheck`.
 * Paths match with an optional prefix so test/fixtures/layering can prove each rule fires.
 */
const layer = (name) => `(^|/)src/${name}`

module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-electron',
      comment: 'The core is pure Node; Electron-specific things are injected as interfaces.',
      severity: 'error',
      from: { path: layer('main/core/') },
      to: { path: '^electron$|(^|/)node_modules/electron/' }
    },
    {
      name: 'core-stays-below-shells',
      comment: 'The core never reaches up into the Electron shell, the host or the CLI.',
      severity: 'error',
      from: { path: layer('main/core/') },
      to: { path: `${layer('main/[^/]+$')}|${layer('host/')}|${layer('cli/')}|${layer('preload/')}|${layer('renderer/')}` }
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer is untrusted: it reaches the core only through the contract client.',
      severity: 'error',
      from: { path: layer('renderer/') },
      to: { path: `${layer('main/')}|${layer('host/')}|${layer('cli/')}|${layer('preload/')}` }
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: layer('renderer/') },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'renderer-no-electron',
      severity: 'error',
      from: { path: layer('renderer/') },
      to: { path: '^electron$|(^|/)node_modules/electron/' }
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'src/shared is used by every layer and depends on none of them.',
      severity: 'error',
      from: { path: layer('shared/') },
      to: { path: `${layer('main/')}|${layer('host/')}|${layer('cli/')}|${layer('preload/')}|${layer('renderer/')}|^electron$` }
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      from: { path: layer('preload/') },
      to: { path: `${layer('main/')}|${layer('host/')}|${layer('cli/')}|${layer('renderer/')}` }
    },
    {
      name: 'no-circular',
      comment: 'Type-only imports vanish at build time and may go both ways.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] }
  }
}
