import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The embedded fonts (`resources/fonts/`, DejaVu, see its README for the licence), parsed once
 * per process with fontkit — the font engine PDFKit itself uses, pinned to the same version — and
 * shared by every PDF. Parsing a font and decoding its layout tables costs far more than drawing
 * a certificate; each PDF still embeds only the subset of glyphs it uses.
 *
 * fontkit caches each glyph with the characters it was first looked up for, and PDFKit writes
 * those characters into the PDF's ToUnicode map (what text extraction and search read). A glyph
 * first met as a component of an accented letter (the « e » of « é ») while a previous PDF was
 * subset would carry no character at all in every later PDF. So every character of the font is
 * looked up once, in code point order, before any PDF is made: each glyph then always maps to
 * the same character, whatever was rendered before — which also keeps the output deterministic.
 */
export const FONT_FILES = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  sans: 'DejaVuSansCondensed.ttf',
  sansBold: 'DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;
export type FontSet = Record<FontName, fontkit.Font>;

const cache = new Map<string, FontSet>();

function parseFont(directory: string, file: string): fontkit.Font {
  const font = fontkit.create(readFileSync(join(directory, file)));
  if (!('layout' in font)) throw new Error(`${file}: a single font was expected`);
  for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) {
    font.glyphForCodePoint(codePoint);
  }
  return font;
}

/**
 * The fonts of `resourcesDir`, each parsed (and its characters looked up, see above) the first
 * time a PDF asks for it: parsing them all cost a desk's start ~0.2 s on this machine, for PDFs
 * most starts never make.
 */
export function loadFonts(resourcesDir: string): FontSet {
  const directory = join(resourcesDir, 'fonts');
  let fonts = cache.get(directory);
  if (!fonts) {
    const set = {} as FontSet;
    for (const [name, file] of Object.entries(FONT_FILES) as [FontName, string][]) {
      let parsed: fontkit.Font | undefined;
      Object.defineProperty(set, name, {
        enumerable: true,
        get: () => (parsed ??= parseFont(directory, file)),
      });
    }
    fonts = set;
    cache.set(directory, fonts);
  }
  return fonts;
}
