import type { DownloadedFile } from '@onedoor/protocol';

/** Hands a downloaded file to the browser's own download (the manager's download folder). */
export function saveDownload(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
