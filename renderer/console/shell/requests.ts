/** Sequence numbers that make repeated requests (centre the same report twice) distinct. */
let counter = 0;

export function nextRequest(): number {
  counter += 1;
  return counter;
}
