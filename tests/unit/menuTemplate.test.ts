import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from '../../src/main/electron/menuTemplate';

type Item = MenuItemConstructorOptions;
const label = (item: Item) => item.label?.replace('&', '');
const submenu = (item: Item) => item.submenu as Item[];

function build(isDev = false) {
  const send = vi.fn();
  const print = vi.fn();
  const template = applicationMenuTemplate({ isDev, send, print });
  const menu = (name: string) => {
    const found = template.find((item) => label(item) === name);
    if (!found) throw new Error(`no menu ${name}`);
    return submenu(found).filter((item) => item.type !== 'separator');
  };
  const click = (item: Item) => (item.click as () => void)();
  return { template, menu, send, print, click };
}

/** A menu as [label, accelerator, role] rows: what the clerk sees and what it does. */
const rows = (items: Item[]) =>
  items
    .filter((item) => item.visible !== false)
    .map((item) => [item.label, item.accelerator, item.role]);

describe('the French application menu', () => {
  it('has Fichier, Édition, Affichage and Aide, with keyboard mnemonics', () => {
    const { template } = build();
    expect(template.map((item) => item.label)).toEqual([
      '&Fichier',
      'É&dition',
      '&Affichage',
      'A&ide',
    ]);
  });

  it('Fichier: print through the OS dialog (Ctrl+P) and quit', () => {
    const { menu, print, click } = build();
    expect(rows(menu('Fichier'))).toEqual([
      ['Imprimer…', 'CommandOrControl+P', undefined],
      ['Quitter', 'CommandOrControl+Q', 'quit'],
    ]);
    click(menu('Fichier')[0]!);
    expect(print).toHaveBeenCalledOnce();
  });

  it('Édition: the standard edit roles in French', () => {
    const { menu } = build();
    expect(rows(menu('Édition'))).toEqual([
      ['Annuler', 'CommandOrControl+Z', 'undo'],
      ['Rétablir', 'CommandOrControl+Y', 'redo'],
      ['Couper', 'CommandOrControl+X', 'cut'],
      ['Copier', 'CommandOrControl+C', 'copy'],
      ['Coller', 'CommandOrControl+V', 'paste'],
      ['Tout sélectionner', 'CommandOrControl+A', 'selectAll'],
    ]);
  });

  it('Affichage: zoom goes to the renderer (Ctrl+= and Ctrl+Plus), full screen on F11', () => {
    const { menu, send, click } = build();
    const items = menu('Affichage');
    expect(rows(items)).toEqual([
      ['Zoom avant', 'CommandOrControl+=', undefined],
      ['Zoom arrière', 'CommandOrControl+-', undefined],
      ['Taille réelle', 'CommandOrControl+0', undefined],
      ['Plein écran', 'F11', 'togglefullscreen'],
    ]);
    const hiddenPlus = items.find((item) => item.accelerator === 'CommandOrControl+Plus');
    expect(hiddenPlus).toMatchObject({ visible: false, acceleratorWorksWhenHidden: true });
    for (const item of items.filter((item) => item.click)) click(item);
    expect(send.mock.calls.map(([command]) => command as string)).toEqual([
      'zoom.in',
      'zoom.in',
      'zoom.out',
      'zoom.reset',
    ]);
  });

  it('has no developer tools nor reload in a packaged build, both in development', () => {
    const roles = (isDev: boolean) =>
      build(isDev)
        .menu('Affichage')
        .map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    const dev = build(true).menu('Affichage');
    expect(rows(dev).slice(-2)).toEqual([
      ['Recharger', 'CommandOrControl+R', 'reload'],
      ['Outils de développement', 'CommandOrControl+Shift+I', 'toggleDevTools'],
    ]);
  });

  it('Aide: the shortcuts help (« ? » shown, not captured) and À propos, both in the renderer', () => {
    const { menu, send, click } = build();
    const items = menu('Aide');
    expect(rows(items)).toEqual([
      ['Raccourcis clavier', '?', undefined],
      ['À propos de Bureau', undefined, undefined],
    ]);
    expect(items[0]).toMatchObject({ registerAccelerator: false });
    items.forEach(click);
    expect(send.mock.calls).toEqual([['shortcuts'], ['about']]);
  });

  it('uses no accelerator twice', () => {
    const all = build(true)
      .template.flatMap(submenu)
      .map((item) => item.accelerator)
      .filter(Boolean);
    expect(new Set(all).size).toBe(all.length);
  });
});
