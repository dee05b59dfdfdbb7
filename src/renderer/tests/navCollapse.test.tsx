// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../shared/api/types';

const { useNavCollapsed, useShellStore } = await import('../src/stores/shellStore');
const { useSessionStore } = await import('../src/stores/sessionStore');

const signIn = (id: string) =>
  useSessionStore.setState({
    user: { id, displayName: id, role: 'agent', officeCode: 'LOM' } as CurrentUser,
  });

beforeEach(() => {
  localStorage.clear();
  useShellStore.setState({ navCollapsedBy: {} });
});

describe('the sidebar folds for the person who folded it (issue 19, 1366×768)', () => {
  it('each person on a shared desk keeps their own choice, written to this desk’s storage', () => {
    signIn('u-agent-kossi');
    const { result } = renderHook(() => useNavCollapsed());
    expect(result.current).toBe(false);
    act(() => useShellStore.getState().toggleNav());
    expect(result.current).toBe(true);

    act(() => signIn('u-agent-akossiwa'));
    expect(result.current).toBe(false);

    act(() => signIn('u-agent-kossi'));
    expect(result.current).toBe(true);
    const stored = JSON.parse(localStorage.getItem('bureau.shell') ?? '{}') as {
      state?: { navCollapsedBy?: Record<string, boolean> };
    };
    expect(stored.state?.navCollapsedBy).toEqual({ 'u-agent-kossi': true });
  });

  it('open windows are not remembered, only the layout', () => {
    signIn('u-agent-kossi');
    act(() => useShellStore.getState().setHelpOpen(true));
    expect(localStorage.getItem('bureau.shell')).not.toContain('helpOpen');
  });
});
