import {
  QUEUE_SIZE,
  callNext,
  finish,
  hallInfo,
  issueTickets,
  percentile,
  signIn,
  timed,
  waitingAt,
  windowByNumber,
  withHost,
  type Benchmark,
} from './support';

const CALL_ROUNDS = 500;
const ISSUE_SAMPLES = 500;
const WARMUP_CALLS = 20;
/** Window 4 of the demo hall serves every service, so it draws on the whole queue. */
const WINDOW_NUMBER = 4;

/**
 * Queue latency through the Node host's HTTP API (host in its own process): with
 * QUEUE_SIZE tickets already waiting, 500 more issues (timed), then 500 call-next
 * rounds on window 4 by a signed-in clerk (bearer token: its look-up is in every
 * timed call), which keep at least QUEUE_SIZE waiting (only the callNext request is
 * timed; finish is not).
 */
export const benchmarks: Benchmark[] = [
  {
    metrics: [
      { name: 'queue.issue_ticket_p95_ms', unit: 'ms', budget: 5 },
      { name: 'queue.call_next_p95_ms', unit: 'ms', budget: 5 },
    ],
    run: () =>
      withHost(async ({ url }) => {
        const info = await hallInfo(url);
        const window = windowByNumber(info, WINDOW_NUMBER);
        const clerk = await signIn(url);

        // Fill the queue first, then time issuing with QUEUE_SIZE already waiting.
        await issueTickets(url, info, QUEUE_SIZE);
        const issueMs = await issueTickets(url, info, ISSUE_SAMPLES);

        for (let i = 0; i < WARMUP_CALLS; i++) {
          const ticket = await callNext(url, clerk, window.id);
          await finish(url, clerk, window.id, ticket.id);
        }
        const before = await waitingAt(url, clerk, window.id);
        if (before < QUEUE_SIZE) throw new Error(`expected ≥ ${QUEUE_SIZE} waiting before calling, found ${before}`);

        const callMs: number[] = [];
        for (let i = 0; i < CALL_ROUNDS; i++) {
          const { value: ticket, ms } = await timed(() => callNext(url, clerk, window.id));
          callMs.push(ms);
          await finish(url, clerk, window.id, ticket.id);
        }
        const after = await waitingAt(url, clerk, window.id);
        if (after !== before - CALL_ROUNDS || after < QUEUE_SIZE - CALL_ROUNDS) {
          throw new Error(`expected ${before - CALL_ROUNDS} waiting after calling, found ${after}`);
        }

        return {
          'queue.issue_ticket_p95_ms': percentile(issueMs, 95),
          'queue.call_next_p95_ms': percentile(callMs, 95),
        };
      }),
  },
];
