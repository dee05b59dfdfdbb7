/** The dashboard screens' strings (French first; `en` must have the same keys). */
export const dashboardFr = {
  navTitle: 'Pilotage',
  nav: 'Tableau de bord',
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const dashboardEn: Strings<typeof dashboardFr> = {
  navTitle: 'Oversight',
  nav: 'Dashboard',
};
