import { useId, type ReactElement } from 'react'
import { IMAGE_ACCEPT, imageSrc, type ImagePart } from '../../lib/images'

interface AttachButtonProps {
  onFiles: (files: File[]) => void
  disabled?: boolean
}

/** A file input dressed as a button; paste in the message box works too. */
export function AttachButton({ onFiles, disabled }: AttachButtonProps): ReactElement {
  const id = useId()
  return (
    <>
      <input
        id={id}
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        className="visually-hidden-input"
        disabled={disabled}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])])
          e.target.value = ''
        }}
      />
      <label htmlFor={id} className={disabled ? 'button button-disabled' : 'button'}>
        Attach image
      </label>
    </>
  )
}

export function AttachmentPreviews({
  images,
  onRemove
}: {
  images: ImagePart[]
  onRemove: (index: number) => void
}): ReactElement | null {
  if (images.length === 0) return null
  return (
    <ul className="attachments" aria-label="Attached images">
      {images.map((img, i) => (
        <li key={i} className="attachment">
          <img src={imageSrc(img)} alt={`Attachment ${i + 1}`} />
          <button
            type="button"
            className="icon-button attachment-remove"
            onClick={() => onRemove(i)}
            aria-label={`Remove attachment ${i + 1}`}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
