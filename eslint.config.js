// Lint enforces the architecture's boundaries (STYLE.md habit 11); formatting is Prettier's job.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'db/migrations/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain core knows nothing about HTTP.
    files: ['server/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hono', 'hono/*', '@hono/*'], message: 'server/core must not depend on HTTP (hono).' },
        { group: ['**/http/*', '**/routes/*', '**/app'], message: 'server/core must not import the HTTP layer.' },
      ] }],
    },
  },
  {
    // The web client talks to the server only through HTTP: type imports are fine, code is not.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        // Pure rules (server/core/<feature>/rules, the policy table) are shared on purpose: one rule, two enforcers.
        { regex: '^(\\.\\./)+server/(?!core/[a-z-]+/rules$|core/access/policy$)', allowTypeImports: true, message: 'web may import server code as types only (or pure rules).' },
        { group: ['**/db/**'], allowTypeImports: true, message: 'web must not import the database layer.' },
      ] }],
    },
  },
)
