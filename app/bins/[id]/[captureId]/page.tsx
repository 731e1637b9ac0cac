/** `/bins/{id}/{captureId}`: the inspector (the layout) opened on one capture, which it reads from the URL. */
export default function CapturePermalink() {
  return null;
}
