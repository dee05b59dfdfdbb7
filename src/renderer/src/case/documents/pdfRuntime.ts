import { getDocument, GlobalWorkerOptions, VerbosityLevel } from 'pdfjs-dist';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import jbig2Wasm from 'pdfjs-dist/wasm/jbig2.wasm?url';
import openjpegWasm from 'pdfjs-dist/wasm/openjpeg.wasm?url';
import foxitDingbats from 'pdfjs-dist/standard_fonts/FoxitDingbats.pfb?url';
import foxitFixed from 'pdfjs-dist/standard_fonts/FoxitFixed.pfb?url';
import foxitFixedBold from 'pdfjs-dist/standard_fonts/FoxitFixedBold.pfb?url';
import foxitFixedBoldItalic from 'pdfjs-dist/standard_fonts/FoxitFixedBoldItalic.pfb?url';
import foxitFixedItalic from 'pdfjs-dist/standard_fonts/FoxitFixedItalic.pfb?url';
import foxitSerif from 'pdfjs-dist/standard_fonts/FoxitSerif.pfb?url';
import foxitSerifBold from 'pdfjs-dist/standard_fonts/FoxitSerifBold.pfb?url';
import foxitSerifBoldItalic from 'pdfjs-dist/standard_fonts/FoxitSerifBoldItalic.pfb?url';
import foxitSerifItalic from 'pdfjs-dist/standard_fonts/FoxitSerifItalic.pfb?url';
import foxitSymbol from 'pdfjs-dist/standard_fonts/FoxitSymbol.pfb?url';
import liberationSansBold from 'pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf?url';
import liberationSansBoldItalic from 'pdfjs-dist/standard_fonts/LiberationSans-BoldItalic.ttf?url';
import liberationSansItalic from 'pdfjs-dist/standard_fonts/LiberationSans-Italic.ttf?url';
import liberationSansRegular from 'pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf?url';

/**
 * pdf.js, set up for a sandboxed renderer under a strict CSP and without network. Loaded lazily
 * (only when a PDF is opened) so the inbox does not pay for it.
 *
 * - The worker is bundled by Vite and served from our own origin (`script-src 'self'` covers it);
 *   no CDN, no blob: worker.
 * - pdf.js 6 no longer compiles anything with `eval`/`new Function` (the `isEvalSupported`
 *   option is gone); PostScript functions and the JBIG2/CCITT/JPEG 2000 decoders (scanned
 *   attachments) use WebAssembly, hence `'wasm-unsafe-eval'` — and only that — in the CSP.
 * - Vite gives bundled files hashed names, but pdf.js asks for its standard fonts and wasm
 *   decoders by file name: they are handed over from the main thread (`useWorkerFetch: false`)
 *   through the factory below, which maps each name to its bundled URL. Standard fonts are always
 *   the bundled ones (`useSystemFonts: false`), so a document renders the same on every PC.
 */
GlobalWorkerOptions.workerSrc = workerUrl;

const BUNDLED_FILES: Record<string, string> = {
  'jbig2.wasm': jbig2Wasm,
  'openjpeg.wasm': openjpegWasm,
  'FoxitDingbats.pfb': foxitDingbats,
  'FoxitFixed.pfb': foxitFixed,
  'FoxitFixedBold.pfb': foxitFixedBold,
  'FoxitFixedBoldItalic.pfb': foxitFixedBoldItalic,
  'FoxitFixedItalic.pfb': foxitFixedItalic,
  'FoxitSerif.pfb': foxitSerif,
  'FoxitSerifBold.pfb': foxitSerifBold,
  'FoxitSerifBoldItalic.pfb': foxitSerifBoldItalic,
  'FoxitSerifItalic.pfb': foxitSerifItalic,
  'FoxitSymbol.pfb': foxitSymbol,
  'LiberationSans-Bold.ttf': liberationSansBold,
  'LiberationSans-BoldItalic.ttf': liberationSansBoldItalic,
  'LiberationSans-Italic.ttf': liberationSansItalic,
  'LiberationSans-Regular.ttf': liberationSansRegular,
};

/** pdf.js's `BinaryDataFactory` contract: `fetch({ kind, filename })` → the file's bytes. */
class BundledBinaryData {
  async fetch({ filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = BUNDLED_FILES[filename];
    // CJK CMaps are not bundled (not expected in Togolese attachments): pdf.js then falls back.
    if (!url) throw new Error(`pdf.js data not bundled: ${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`pdf.js data unavailable: ${filename} (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** Opens a PDF from its bytes; the caller destroys the task when done with the document. */
export function openPdf(bytes: Uint8Array): PDFDocumentLoadingTask {
  return getDocument({
    data: bytes,
    BinaryDataFactory: BundledBinaryData,
    useWorkerFetch: false,
    useSystemFonts: false,
    // Pages are small: render on the main thread into our own canvas (no OffscreenCanvas transfer).
    disableWorkerRendering: true,
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
  });
}
