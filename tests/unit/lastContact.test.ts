import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { createLastContact, createSyncStateStore } from '../../src/main/core/sync/syncStateStore';
import { createFakeClock } from '../support/fakeClock';
import { tempDir } from '../support/paths';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length > 0) closers.pop()?.();
});

function openStore() {
  const db = openDatabase(join(tempDir('bureau-contact-'), 'bureau.sqlite'));
  closers.push(() => db.close());
  return createSyncStateStore(db);
}

describe('the last contact with the portal', () => {
  it('is an answer from the portal, not a server failure, and is kept to the minute', () => {
    const store = openStore();
    const clock = createFakeClock('2026-12-07T10:42:10.000Z');
    const contact = createLastContact(store, clock);
    expect(contact.lastContactAt()).toBeNull();

    contact.answered(200);
    clock.advance(20_000);
    contact.answered(409); // a refusal is the portal talking
    expect(contact.lastContactAt()).toBe('2026-12-07T10:42:30.000Z');
    clock.advance(60_000);
    contact.answered(503); // a proxy's failure proves the link, not the portal
    expect(contact.lastContactAt()).toBe('2026-12-07T10:42:30.000Z');
    expect(contact.answers()).toBe(3);
    // Stored once for the minute 10:42: the header shows no more than that.
    expect(store.get('last_contact_at')).toBe('2026-12-07T10:42:10.000Z');
    expect(createLastContact(store, clock).lastContactAt()?.slice(0, 16)).toBe('2026-12-07T10:42');

    contact.answered(200);
    expect(store.get('last_contact_at')).toBe('2026-12-07T10:43:30.000Z');
  });

  it('a cache synced before it was kept starts from its last successful sync', () => {
    const store = openStore();
    store.set('last_success_at', '2026-12-06T16:05:00.000Z');
    const clock = createFakeClock('2026-12-07T08:00:00.000Z');
    expect(createLastContact(store, clock).lastContactAt()).toBe('2026-12-06T16:05:00.000Z');
  });
});
