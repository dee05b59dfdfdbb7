/** Intl formatters are costly to build and a long list formats thousands of cells: build once. */
export function cachedByKey<F>(build: (key: string) => F): (key: string) => F {
  const cache = new Map<string, F>();
  return (key) => {
    let formatter = cache.get(key);
    if (!formatter) {
      formatter = build(key);
      cache.set(key, formatter);
    }
    return formatter;
  };
}
