/** The admin screens' strings (French first; `en` must have the same keys). */
export const adminFr = {
  nav: {
    title: 'Administration',
    users: 'Utilisateurs',
    office: 'Bureau régional',
    holidays: 'Jours fériés',
    audit: "Journal d'audit",
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const adminEn: Strings<typeof adminFr> = {
  nav: {
    title: 'Administration',
    users: 'Users',
    office: 'Office',
    holidays: 'Public holidays',
    audit: 'Audit trail',
  },
};
