/** A call's recording: played in place, or opened on its own (the provider's URL). */
export function RecordingPlayer({ url, compact = false }: { url: string; compact?: boolean }) {
  if (compact) {
    return (
      <a href={url} target="_blank" rel="noreferrer" className="recording-link" data-testid="recording-link">
        ▶ Recording
      </a>
    );
  }
  return (
    <span className="recording">
      <audio controls preload="none" src={url} data-testid="recording-audio">
        <a href={url}>Download the recording</a>
      </audio>
      <a href={url} target="_blank" rel="noreferrer" data-testid="recording-link">
        Open recording
      </a>
    </span>
  );
}
