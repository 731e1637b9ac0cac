/** `/bins/{id}`: the inspector (the layout) following the newest capture. */
export default function BinIndex() {
  return null;
}
