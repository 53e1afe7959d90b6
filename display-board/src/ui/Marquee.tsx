/** A notice line scrolling right to left at a steady reading speed, whatever its length. */
export function Marquee({ text }: { text: string }) {
  const seconds = Math.max(18, [...text].length * 0.45);
  return (
    <div className="marquee">
      <span key={text} className="marquee__text" style={{ animationDuration: `${seconds}s` }}>
        {text}
      </span>
    </div>
  );
}
