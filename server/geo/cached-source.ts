import { LRUCache } from 'lru-cache';
import type { AddressSource } from './address-source';

type Answer = Awaited<ReturnType<AddressSource['suggest']>> | Awaited<ReturnType<AddressSource['lookup']>> | Awaited<ReturnType<AddressSource['reverse']>>;

/**
 * Keeps the last `size` answers (LRU): a call-taker types the same prefixes again, and unit positions arrive many
 * times a second at nearly the same points (reverse is keyed on 5 decimals, about a metre). Failures are not kept.
 */
export function cachedSource(source: AddressSource, size: number): AddressSource {
  if (size <= 0) return source;
  const cache = new LRUCache<string, { answer: Answer }>({ max: size });
  async function remember<T extends Answer>(key: string, ask: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit) return hit.answer as T;
    const answer = await ask();
    cache.set(key, { answer });
    return answer;
  }
  return {
    name: source.name,
    suggest: (query, limit) => remember(`s:${limit}:${query.trim().toLowerCase()}`, () => source.suggest(query, limit)),
    lookup: (id) => remember(`l:${id}`, () => source.lookup(id)),
    reverse: (point, max) => remember(`r:${point.lat.toFixed(5)},${point.lng.toFixed(5)},${max}`, () => source.reverse(point, max)),
  };
}
