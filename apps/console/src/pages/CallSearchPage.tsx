import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { SentimentBadge } from '../components/SentimentBadge';
import { CallStatusBadge } from '../components/StatusBadge';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const PAGE = 25;

/** "Who mentioned the price?": calls whose transcript or summary holds the words, newest first. */
export function CallSearchPage() {
  const api = useApi();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const search = useInfiniteQuery({
    queryKey: queryKeys.callSearch(q),
    queryFn: ({ pageParam }) => api.searchCalls(q, { limit: PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: q !== '',
  });
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section data-testid="call-search">
      <div className="page-head">
        <h1>{q ? <>Calls mentioning “{q}”</> : 'Search what was said'}</h1>
      </div>
      {q === '' && (
        <p className="muted">
          Type in the search box above: words, "a phrase", or -word to leave out, searched in every transcript and summary.
        </p>
      )}
      {search.isError && <p className="error-text">{errorMessage(search.error)}</p>}
      {q !== '' && search.isSuccess && hits.length === 0 && <p className="muted">No call mentions that.</p>}
      {hits.length > 0 && (
        <table className="table" data-testid="call-search-results">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Outcome</th>
              <th>Sentiment</th>
              <th className="wide">Where it was said</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.callId} data-call-id={hit.callId}>
                <td>
                  <Link to={`/calls/${hit.callId}`}>{dateTime.format(new Date(hit.createdAt))}</Link>
                </td>
                <td>
                  {hit.leadName && hit.leadId ? <Link to={`/leads/${hit.leadId}`}>{hit.leadName}</Link> : null}{' '}
                  <span className="mono muted">{hit.phone}</span>
                </td>
                <td>
                  <CallStatusBadge status={hit.status} />
                </td>
                <td>
                  <SentimentBadge sentiment={hit.sentiment} source={hit.sentimentSource} />
                </td>
                <td data-testid="search-snippet">
                  {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {search.hasNextPage && (
        <button type="button" className="button" onClick={() => void search.fetchNextPage()} disabled={search.isFetchingNextPage}>
          {search.isFetchingNextPage ? 'Loading…' : 'More'}
        </button>
      )}
    </section>
  );
}
