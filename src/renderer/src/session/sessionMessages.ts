/** The session screens' strings (French first; `en` must have the same keys). */
export const sessionFr = {
  reservedTitle: 'Écran réservé',
  reservedBody:
    "Votre rôle ne donne pas accès à cet écran. Si vous en avez besoin, demandez-le à votre administrateur.",
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const sessionEn: Strings<typeof sessionFr> = {
  reservedTitle: 'Restricted screen',
  reservedBody: 'Your role does not give access to this screen. Ask your administrator if you need it.',
};
