/**
 * The module map, enforced (docs/architecture.md, "Module map"). `npm run lint` runs it, so a new
 * cycle or a feature reaching into another feature fails the build. Test files are exempt from
 * the layer rules (they build whole apps), not from the cycle rule.
 *
 * Layers, bottom up; each may import those below it:
 *   contract                    zod only; shared with the client
 *   base: config, logger, clock, db, core, generated
 *   http                        generic middleware and the route registry
 *   mail                        the mailer and its templates
 *   audit, user-model           shared read models
 *   identity                    keys, tokens, sessions, guards, credential limits
 *   app-context.ts              what every feature receives
 *   features (any other folder) never import each other
 *   app.ts, main.ts             the composition root
 */
const LOWER = 'contract|core|db|generated|http|mail|audit|user-model|identity';
const BASE = '^server/src/(config|logger|clock)\\.ts$|^server/src/(db|core|generated)/';
const notTest = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means two modules cannot be understood (or changed) apart. Type-only imports do not count: a Redux slice naming RootState is the documented pattern.',
      from: { path: '^(server|client)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'contract-imports-only-zod',
      severity: 'error',
      comment: 'The contract is shared with the browser: it imports nothing but zod.',
      from: { path: '^server/src/contract/' },
      to: { pathNot: ['^server/src/contract/', 'node_modules/zod/'] },
    },
    {
      name: 'base-knows-no-http-or-feature',
      severity: 'error',
      comment: 'config, logger, clock, db and core know no HTTP and no feature.',
      from: { path: BASE, pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, '^server/src/contract/'] },
    },
    {
      name: 'http-is-generic',
      severity: 'error',
      comment: 'http/ serves every feature, so it imports none (nor the layers above it).',
      from: { path: '^server/src/http/', pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, '^server/src/(contract|http)/'] },
    },
    {
      name: 'mail-knows-no-http-or-feature',
      severity: 'error',
      comment: 'mail/ sends what it is given: it imports the base and the contract only.',
      from: { path: '^server/src/mail/', pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, '^server/src/(contract|mail)/'] },
    },
    {
      name: 'shared-models-below-identity',
      severity: 'error',
      comment: 'audit/ and user-model/ are read by identity and the features: they import neither.',
      from: { path: '^server/src/(audit|user-model)/', pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, '^server/src/(contract|audit|user-model)/'] },
    },
    {
      name: 'identity-below-features',
      severity: 'error',
      comment: 'identity/ is the security kernel every feature uses: it imports no feature.',
      from: { path: '^server/src/identity/', pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, `^server/src/(${LOWER})/`] },
    },
    {
      name: 'features-do-not-import-each-other',
      severity: 'error',
      comment: 'A feature uses the lower layers and app-context.ts; never another feature.',
      from: { path: `^server/src/(?!(?:${LOWER})/)([^/]+)/`, pathNot: notTest },
      to: { path: '^server/src/', pathNot: [BASE, `^server/src/(${LOWER}|$1)/`, '^server/src/app-context\\.ts$'] },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'app.ts and main.ts wire everything; only tests and scripts may start from them.',
      from: { path: '^server/src/', pathNot: [notTest, '^server/src/main\\.ts$'] },
      to: { path: '^server/src/(app|main)\\.ts$' },
    },
    {
      name: 'client-imports-only-the-contract',
      severity: 'error',
      comment: 'The SPA shares the contract module with the server, and nothing else.',
      from: { path: '^client/' },
      to: { path: '^server/', pathNot: '^server/src/contract/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^server/src/generated/' },
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
