import { create } from 'zustand';

/** The sign-in form's username, so a click on a training account can fill it in. */
export const useSignInFields = create<{
  username: string;
  password: string;
  set(fields: Partial<{ username: string; password: string }>): void;
}>()((set) => ({
  username: '',
  password: '',
  set: (fields) => set(fields),
}));
