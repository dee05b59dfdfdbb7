import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Renderer component tests sit with the renderer (its tsconfig has the DOM and JSX) and
          // ask for a DOM themselves (`@vitest-environment jsdom`).
          include: ['tests/unit/**/*.test.ts', 'src/renderer/tests/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
