/** The assignment screens' strings (French first; `en` must have the same keys). */
export const assignmentFr = {
  placeholder: '',
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const assignmentEn: Strings<typeof assignmentFr> = {
  placeholder: '',
};
