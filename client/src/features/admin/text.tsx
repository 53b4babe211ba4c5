/** Small text helpers of the kaart's screens. */

/** An e-mail address may wrap before its '@' rather than somewhere in the middle of a word. */
export function breakable(text: string) {
  const at = text.indexOf('@');
  if (at <= 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <wbr />
      {text.slice(at)}
    </>
  );
}
