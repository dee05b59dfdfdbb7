/** No 0/O, 1/l/I: the password is read aloud or copied from paper. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password such as « Xk7m-q9Rt-2hPw » (14 characters, about 71 bits). */
export function generateTemporaryPassword(): string {
  const bytes = new Uint32Array(12);
  crypto.getRandomValues(bytes);
  const chars = [...bytes].map((value) => ALPHABET[value % ALPHABET.length]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)]
    .map((group) => group.join(''))
    .join('-');
}
