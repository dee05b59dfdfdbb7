import { afterAll } from 'vitest';
import { removeTempDirs } from './paths';

// Registered before the file's own hooks, so it runs after them (vitest runs `after` hooks as a
// stack): the file has stopped its desks and hosts by then.
afterAll(removeTempDirs);
