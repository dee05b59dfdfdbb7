import { Skeleton } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentContent } from '../../../../shared/api/caseTypes';
import classes from './DocumentsPanel.module.css';
import { ViewerMessage } from './ViewerMessage';
import {
  RotateButton,
  useViewerKeys,
  useViewerSurface,
  viewerHint,
  ViewerSurface,
  ViewerToolbar,
  ZoomControls,
  zoomForKey,
} from './viewerControls';
import { effectiveScale, FIT, rotateClockwise, type Rotation, type Zoom } from './zoom';

/**
 * A JPEG or PNG from a data: URL (allowed by `img-src`, and nothing to revoke), with zoom, fit
 * to the view and quarter turns. The frame takes the turned size so that scrolling follows what is shown.
 */
export function ImageViewer({ content, label }: { content: DocumentContent; label: string }) {
  const { t } = useTranslation();
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [broken, setBroken] = useState(false);
  const [zoom, setZoom] = useState<Zoom>(FIT);
  const [rotation, setRotation] = useState<Rotation>(0);
  const { ref: surfaceRef, available, availableHeight } = useViewerSurface();

  const sideways = rotation === 90 || rotation === 270;
  const shown = natural && {
    width: sideways ? natural.height : natural.width,
    height: sideways ? natural.width : natural.height,
  };
  // « Fit » shows the whole image (an ID card, a photo), turned as it is.
  const fitScale =
    shown && available > 0 && availableHeight > 0
      ? Math.min(available / shown.width, availableHeight / shown.height)
      : 1;
  const scale = effectiveScale(zoom, fitScale);
  const width = natural ? natural.width * scale : 0;
  const height = natural ? natural.height * scale : 0;
  const frame = sideways ? { width: height, height: width } : { width, height };

  const bodyRef = useRef<HTMLDivElement>(null);
  useViewerKeys(bodyRef, (action) => {
    if (broken) return false;
    if (action === 'rotate') {
      setRotation(rotateClockwise);
      return true;
    }
    // An image has no pages: the arrows and the scroll keys keep their own meaning.
    const next = zoomForKey(action, scale);
    if (next) setZoom(next);
    return action === 'zoomIn' || action === 'zoomOut' || action === 'fit';
  });

  if (broken) return <ViewerMessage tone="error" title={t('documents.imageUnreadable')} />;

  return (
    <div className={classes.viewerBody} ref={bodyRef}>
      <ViewerToolbar hint={viewerHint(t, false)}>
        <ZoomControls zoom={zoom} scale={scale} onZoom={setZoom} fit="view" />
        <RotateButton onRotate={() => setRotation(rotateClockwise)} />
      </ViewerToolbar>
      <ViewerSurface
        ref={surfaceRef}
        label={t('documents.preview', { name: label })}
        hint={viewerHint(t, false)}
      >
        {!natural && (
          <Skeleton
            width={available || 480}
            height={(available || 480) * 0.7}
            radius={0}
            role="progressbar"
            aria-label={t('documents.loading')}
          />
        )}
        <div
          className={classes.imageFrame}
          style={natural ? frame : { width: 0, height: 0, overflow: 'hidden' }}
        >
          <img
            className={classes.image}
            src={`data:${content.mimeType};base64,${content.base64}`}
            alt={label}
            data-testid="image-viewer"
            data-rotation={rotation}
            draggable={false}
            style={{
              width,
              height,
              transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
            }}
            onLoad={(event) =>
              setNatural({
                width: event.currentTarget.naturalWidth,
                height: event.currentTarget.naturalHeight,
              })
            }
            onError={() => setBroken(true)}
          />
        </div>
      </ViewerSurface>
    </div>
  );
}
