import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../src/main/core/auth/trainingUsers';
import { createCore } from '../../src/main/core/createCore';
import { resourcesDir, tempDir } from '../support/testBureau';

/**
 * Training mode only means « no portal configured ». Its cache holds an administrator whose
 * password is printed on the sign-in screen: it must never become a real office's cache, and a
 * real cache must never receive the training accounts.
 */
const portal = { url: 'http://127.0.0.1:9', timeoutMs: 300 };
const open = (dataDir: string, trainingMode: boolean) =>
  createCore({ dataDir, resourcesDir, portal, trainingMode, log: () => {} });

describe('training and real caches never mix', () => {
  it('sets the training cache aside when a portal is configured, and starts empty', async () => {
    const dataDir = tempDir('bureau-training-then-real-');
    const training = open(dataDir, true);
    await training.close();
    writeFileSync(join(dataDir, 'settings.json'), '{"portalUrl":"https://portail.example.tg"}');

    const real = open(dataDir, false);
    try {
      const state = await real.dispatch('session.current', {}, real.contextFor('k'));
      expect(state).toMatchObject({
        value: { status: 'signed_out', needsFirstAdministrator: true },
      });
      const attempt = await real.dispatch(
        'session.signIn',
        { username: 'edem.dossou', password: TRAINING_PASSWORD },
        real.contextFor('k'),
      );
      expect(attempt).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      // Nothing deleted: the training cache waits in its folder; the settings stayed put.
      const aside = readdirSync(dataDir).filter((entry) => entry.startsWith('formation-'));
      expect(aside).toHaveLength(1);
      expect(existsSync(join(dataDir, aside[0]!, 'bureau.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
      expect(
        real.db
          .prepare(
            "SELECT count(*) FROM audit_log WHERE action = 'installation.training_set_aside'",
          )
          .pluck()
          .get(),
      ).toBe(1);
    } finally {
      await real.close();
    }
    // The next start of the real cache moves nothing.
    const again = open(dataDir, false);
    await again.close();
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith('formation-'))).toHaveLength(1);
  });

  it('refuses to start training mode on a real office’s cache', async () => {
    const dataDir = tempDir('bureau-real-then-training-');
    const real = open(dataDir, false);
    await real.close();
    expect(() => open(dataDir, true)).toThrow(/cache d'un bureau réel.*settings\.json/);
  });
});
