// Primes below n with a sieve of Eratosthenes; a fresh array per call, nothing is cached.
export const MAX_SIEVE = 10_000_000;

export function sievePrimes(n: number): { count: number; sum: number } {
  const composite = new Uint8Array(n);
  let count = 0;
  let sum = 0; // below 10^7 the sum is about 3.2e12, exact in a double
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return { count, sum };
}
