// Typed payloads: files to base64 for sending, received base64 to Blob URLs. Only raster images whose bytes match
// their declared type are ever shown; everything else (SVG and HTML included) is only offered as a download.

/** The server's default Chat:MaxPayloadBytes; larger files are refused before they are read. */
export const MAX_FILE_BYTES = 1024 * 1024;

// Signatures of the image formats shown inline; anything else is a download.
const IMAGE_SIGNATURES = {
  "image/png": (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/jpeg": (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  "image/gif": (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]),
  "image/webp": (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
};

export async function fileToBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const chunks = [];
  // fromCharCode takes arguments, and an argument list has a size limit: convert in slices.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(chunks.join(""));
}

/**
 * Decodes a received payload. Returns { url, image, size } where url is a Blob URL (image: true for a verified raster
 * image, typed as such; otherwise typed application/octet-stream so that opening it downloads rather than renders),
 * or null when the data is not valid base64.
 */
export function payloadToBlobUrl(data, contentType) {
  let binary;
  try {
    binary = atob(data);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const type = mediaType(contentType);
  const image = IMAGE_SIGNATURES[type]?.(bytes) === true;
  const blob = new Blob([bytes], { type: image ? type : "application/octet-stream" });
  return { url: URL.createObjectURL(blob), image, size: bytes.length };
}

/** "image/png; x=y" → "image/png". */
export function mediaType(contentType) {
  return (contentType ?? "text/plain").split(";")[0].trim().toLowerCase();
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function startsWith(bytes, prefix) {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
