/** The desktop screens' strings (French first; `en` must have the same keys). */
export const desktopFr = {
  placeholder: '',
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const desktopEn: Strings<typeof desktopFr> = {
  placeholder: '',
};
