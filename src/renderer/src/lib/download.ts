/** Saves text as a file through the browser's download (a Blob URL and an <a download>). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference by now; the URL is only needed for the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 0)
}
