namespace Bench.Stats;

/// <summary>The sample median (the mean of the two middle values for an even count); NaN for no values.</summary>
public static class SampleMedian
{
    public static double Of(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
