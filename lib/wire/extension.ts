/** A file name extension for a body of this content type (downloads), `.bin` when unknown. */

const BY_TYPE: Record<string, string> = {
  "application/json": "json",
  "application/xml": "xml",
  "text/xml": "xml",
  "text/html": "html",
  "text/plain": "txt",
  "text/csv": "csv",
  "text/css": "css",
  "text/javascript": "js",
  "application/javascript": "js",
  "application/x-www-form-urlencoded": "txt",
  "application/pdf": "pdf",
  "application/zip": "zip",
  "application/gzip": "gz",
  "application/x-ndjson": "ndjson",
  "application/yaml": "yaml",
  "text/yaml": "yaml",
  "application/x-yaml": "yaml",
  "application/x-protobuf": "pb",
  "application/protobuf": "pb",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "image/avif": "avif",
  "image/x-icon": "ico",
  "audio/mpeg": "mp3",
  "video/mp4": "mp4",
};

export function extensionFor(contentType: string | null): string {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (BY_TYPE[type]) return `.${BY_TYPE[type]}`;
  if (type.startsWith("multipart/")) return ".multipart";
  if (type.endsWith("+json")) return ".json";
  if (type.endsWith("+xml")) return ".xml";
  if (type.startsWith("text/")) return ".txt";
  return ".bin";
}
