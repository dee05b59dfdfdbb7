import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileOf } from '../../src/main/core/certificates/signingKeys';

describe('signing key files', () => {
  const keys = join('/data', 'keys');

  it('names a key file after a key id of the shape Bureau makes', () => {
    expect(keyFileOf(keys, 'LOM-926ebf39')).toBe(join(keys, 'LOM-926ebf39.pem'));
  });

  it('never turns another string into a path', () => {
    for (const keyId of [
      '../../Startup/evil',
      'LOM-926ebf39/../../x',
      '/etc/passwd',
      'lom-926ebf39',
      '',
    ]) {
      expect(() => keyFileOf(keys, keyId), keyId).toThrow(/Identifiant de clé refusé/);
    }
  });
});
