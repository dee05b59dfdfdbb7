import { Skeleton } from '@mantine/core';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentContent } from '../../../../shared/api/caseTypes';
import { base64Bytes } from './base64Bytes';
import classes from './DocumentsPanel.module.css';
import { ViewerMessage } from './ViewerMessage';
import {
  PageControls,
  RotateButton,
  useViewerKeys,
  useViewerSurface,
  viewerHint,
  ViewerSurface,
  ViewerToolbar,
  ZoomControls,
  zoomForKey,
  type ViewerKeyAction,
} from './viewerControls';
import { effectiveScale, FIT, rotateClockwise, type Rotation, type Zoom } from './zoom';

/** PDF points (1/72 in) to CSS pixels (1/96 in): at 100 % a page shows at its printed size. */
const PDF_TO_CSS_UNITS = 96 / 72;
/** Cap on a page's canvas (device pixels): a 400 % zoom on a HiDPI screen stays within memory. */
const MAX_CANVAS_PIXELS = 16_000_000;

function pdfErrorKey(error: unknown): 'documents.pdfPassword' | 'documents.pdfUnreadable' {
  // pdf.js rebuilds the worker's exceptions by name on the main thread.
  const name = error instanceof Error ? error.name : '';
  return name === 'PasswordException' ? 'documents.pdfPassword' : 'documents.pdfUnreadable';
}

interface LoadedPage {
  number: number;
  proxy: PDFPageProxy;
}

/**
 * One PDF with pdf.js: the current page on a canvas, pages, zoom, quarter turns. The page is
 * drawn off-screen and copied over when done, so zooming never flashes an empty page.
 */
export function PdfViewer({ content, label }: { content: DocumentContent; label: string }) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<LoadedPage | null>(null);
  const [zoom, setZoom] = useState<Zoom>(FIT);
  const [rotation, setRotation] = useState<Rotation>(0);
  const [paintedKey, setPaintedKey] = useState<string | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { ref: surfaceRef, available, scrollToTop } = useViewerSurface();

  useEffect(() => {
    let cancelled = false;
    let task: PDFDocumentLoadingTask | null = null;
    import('./pdfRuntime')
      .then(({ openPdf }) => {
        if (cancelled) return;
        task = openPdf(base64Bytes(content.base64));
        return task.promise.then((opened) => {
          if (!cancelled) setPdf(opened);
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error);
      });
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [content]);

  useEffect(() => {
    if (!pdf) return;
    let cancelled = false;
    pdf.getPage(pageNumber).then(
      (proxy) => {
        if (!cancelled) setPage({ number: pageNumber, proxy });
      },
      (error: unknown) => {
        if (!cancelled) setFailure(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [pdf, pageNumber]);

  const pageRotation = page ? (page.proxy.rotate + rotation) % 360 : 0;
  // The page at 100 %, turned as shown: « fit width » and the placeholder derive from it.
  const base = page?.proxy.getViewport({ scale: PDF_TO_CSS_UNITS, rotation: pageRotation });
  const fitScale = base && available > 0 ? available / base.width : 1;
  const scale = effectiveScale(zoom, fitScale);
  const renderKey = page ? `${page.number}:${scale.toFixed(4)}:${pageRotation}` : null;
  const ready = page !== null && available > 0;

  useEffect(() => {
    if (!page || !ready || !renderKey) return;
    const viewport = page.proxy.getViewport({
      scale: scale * PDF_TO_CSS_UNITS,
      rotation: pageRotation,
    });
    const ratio = Math.min(
      window.devicePixelRatio || 1,
      Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)),
    );
    const scratch = document.createElement('canvas');
    scratch.width = Math.max(1, Math.floor(viewport.width * ratio));
    scratch.height = Math.max(1, Math.floor(viewport.height * ratio));
    const task = page.proxy.render({
      canvas: scratch,
      viewport,
      transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    });
    let cancelled = false;
    task.promise.then(
      () => {
        const target = canvasRef.current;
        if (cancelled || !target) return;
        target.width = scratch.width;
        target.height = scratch.height;
        target.style.width = `${viewport.width}px`;
        target.style.height = `${viewport.height}px`;
        target.getContext('2d')?.drawImage(scratch, 0, 0);
        setPaintedKey(renderKey);
      },
      (error: unknown) => {
        const cancelledByUs =
          error instanceof Error && error.name === 'RenderingCancelledException';
        if (!cancelled && !cancelledByUs) setFailure(error);
      },
    );
    return () => {
      cancelled = true;
      task.cancel();
    };
  }, [page, ready, renderKey, scale, pageRotation]);

  const total = pdf?.numPages ?? 0;
  const goTo = (next: number) => {
    const bounded = Math.min(Math.max(1, next), Math.max(1, total));
    if (bounded === pageNumber) return;
    setPageNumber(bounded);
    scrollToTop();
  };
  const onKey = (action: ViewerKeyAction): boolean => {
    if (action === 'previous') goTo(pageNumber - 1);
    else if (action === 'next') goTo(pageNumber + 1);
    else if (action === 'first') goTo(1);
    else if (action === 'last') goTo(total);
    else if (action === 'rotate') setRotation(rotateClockwise);
    else {
      const next = zoomForKey(action, scale);
      if (next) setZoom(next);
    }
    return true;
  };

  useViewerKeys(bodyRef, (action) => (failure ? false : onKey(action)));

  if (failure) return <ViewerMessage tone="error" title={t(pdfErrorKey(failure))} />;

  // Until the first paint, a page-shaped placeholder (A4 until the real size is known).
  const placeholderWidth = base ? base.width * scale : available || 480;
  const placeholderHeight = base ? base.height * scale : placeholderWidth * Math.SQRT2;
  const painted = paintedKey !== null;

  return (
    <div className={classes.viewerBody} ref={bodyRef}>
      <ViewerToolbar hint={viewerHint(t, true)}>
        <PageControls page={pageNumber} total={Math.max(total, 1)} onPage={goTo} />
        <ZoomControls zoom={zoom} scale={scale} onZoom={setZoom} fit="width" />
        <RotateButton onRotate={() => setRotation(rotateClockwise)} />
      </ViewerToolbar>
      <ViewerSurface
        ref={surfaceRef}
        label={t('documents.preview', { name: label })}
        hint={viewerHint(t, true)}
      >
        {!painted && (
          <Skeleton
            width={placeholderWidth}
            height={placeholderHeight}
            radius={0}
            role="progressbar"
            aria-label={t('documents.loading')}
          />
        )}
        <canvas
          ref={canvasRef}
          className={classes.page}
          data-testid="pdf-canvas"
          data-page={paintedKey ? paintedKey.split(':')[0] : undefined}
          role="img"
          aria-label={`${label} — ${t('documents.page', { page: pageNumber, total: Math.max(total, 1) })}`}
          hidden={!painted}
        />
      </ViewerSurface>
    </div>
  );
}
