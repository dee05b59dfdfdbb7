import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles: ['tests/support/removeTempDirs.ts'],
          // Renderer component tests sit with the renderer (its tsconfig has the DOM and JSX) and
          // ask for a DOM themselves (`@vitest-environment jsdom`).
          include: ['tests/unit/**/*.test.ts', 'src/renderer/tests/**/*.test.tsx'],
          environment: 'node',
          // A guard against a hang, not a speed check: on a loaded 2-core CI machine the simulator
          // store's first 200 records (their PDFs) took 7 s against vitest's default of 5 s.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles: ['tests/support/removeTempDirs.ts'],
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
