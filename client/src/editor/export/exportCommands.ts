import type { AppThunk } from '../../store';
import { selectShapes } from '../editorSelectors';
import { drawingAsPng } from './exportImage';
import { drawingAsSvg } from './exportSvg';

export const EXPORT_FILE_NAME = 'drawing';

/** Hands `blob` to the browser as a download. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL only has to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads the drawing as a PNG at 100% (plus padding), on white. */
export const exportPng = (): AppThunk<Promise<void>> => async (_dispatch, getState) => {
  download(await drawingAsPng(selectShapes(getState())), `${EXPORT_FILE_NAME}.png`);
};

export const exportSvg = (): AppThunk => (_dispatch, getState) => {
  const svg = drawingAsSvg(selectShapes(getState()));
  download(new Blob([svg], { type: 'image/svg+xml' }), `${EXPORT_FILE_NAME}.svg`);
};
