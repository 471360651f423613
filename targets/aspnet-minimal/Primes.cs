namespace AspNetMinimal;

static class Primes
{
    /// <summary>Sieve of Eratosthenes over [0, n): the count and the sum of the primes below n.</summary>
    public static (int Count, long Sum) CountAndSumBelow(int n)
    {
        var composite = new bool[n]; // fresh per request: nothing is cached between requests
        var count = 0;
        long sum = 0;
        for (var i = 2; i < n; i++)
        {
            if (composite[i]) continue;
            count++;
            sum += i;
            if (i <= (n - 1) / i) // i * i < n without overflowing int
                for (var j = i * i; j < n; j += i) composite[j] = true;
        }
        return (count, sum);
    }
}
