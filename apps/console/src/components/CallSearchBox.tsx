import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

/** Searches every transcript and summary of the user's calls; the results page lives at /calls?q=…. */
export function CallSearchBox({ initial = '' }: { initial?: string }) {
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    const q = text.trim();
    if (q) void navigate(`/calls?q=${encodeURIComponent(q)}`);
  }
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <input
        type="search"
        placeholder="Search what was said"
        aria-label="Search calls"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={200}
      />
      <button type="submit" className="button small">
        Search
      </button>
    </form>
  );
}
