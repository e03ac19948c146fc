import DataLoader from 'dataloader';

/** Keys per merged statement: bounds the statement and its result, whatever the load. */
const MAX_KEYS_PER_STATEMENT = 100;

/**
 * Reads of one kind that arrive in the same tick go to the database as one statement
 * (`WHERE key = ANY(...)`), the way Prisma batches concurrent findUnique calls: under load one
 * round trip and one pass through Prisma serve many requests. There is no cache: each read sees the
 * database as of the statement it joined, which was sent after the read was asked for.
 *
 * `load` returns the found values by key; a key it leaves out resolves to undefined.
 */
export function mergedRead<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  const loader = new DataLoader<K, V | undefined>(
    async (keys) => {
      const found = await load([...keys]);
      return keys.map((key) => found.get(key));
    },
    { cache: false, maxBatchSize: MAX_KEYS_PER_STATEMENT },
  );
  return (key) => loader.load(key);
}
