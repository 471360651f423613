namespace Bench.Stats.Verdicts;

/// <summary>
/// How endpoint verdicts make a part's, and parts' make a claim's (documented in claims/README.md).
/// </summary>
public static class VerdictAggregation
{
    /// <summary>
    /// One relation over several endpoints ("rust/go req/s on /plaintext, /json, POST /json/process"): confirmed if
    /// confirmed on at least half and contradicted (refuted or exceeded) on none; refuted if refuted on more than
    /// half; exceeded if exceeded on more than half; untestable if every row is; disturbed if every row is
    /// disturbed or untestable; untestable if, short of all that, some rows could not be tested (they could
    /// decide it); inconclusive otherwise.
    /// </summary>
    public static Judgement OverEndpoints(IReadOnlyList<Judgement> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to aggregate");
        if (rows.Count == 1) return rows[0];
        int Count(Verdict v) => rows.Count(r => r.Verdict == v);
        int n = rows.Count, confirmed = Count(Verdict.Confirmed), refuted = Count(Verdict.Refuted), exceeded = Count(Verdict.Exceeded),
            untestable = Count(Verdict.Untestable), disturbed = Count(Verdict.Disturbed);
        var tally = Tally(rows);
        if (untestable == n) return new(Verdict.Untestable, Reasons(rows));
        if (refuted * 2 > n) return new(Verdict.Refuted, $"refuted on {refuted} of {n} endpoints ({tally})");
        if (exceeded * 2 > n && refuted == 0) return new(Verdict.Exceeded, $"exceeded on {exceeded} of {n} endpoints ({tally})");
        if (confirmed * 2 >= n && refuted == 0 && exceeded == 0)
            return new(Verdict.Confirmed, $"confirmed on {confirmed} of {n} endpoints, contradicted on none ({tally})");
        if (untestable + disturbed == n) return new(Verdict.Disturbed, $"{disturbed} of {n} endpoints disturbed, the rest untestable ({tally})");
        if (untestable > 0) return new(Verdict.Untestable, $"{untestable} of {n} endpoints untestable, and they could decide it ({tally}): {Reasons(rows.Where(r => r.Verdict == Verdict.Untestable))}");
        return new(Verdict.Inconclusive, $"mixed: {tally}");
    }

    /// <summary>
    /// A claim's parts together ("Rust is faster than Go, which is faster than Node"): a conjunction. Refuted if any
    /// part is refuted; confirmed if all are; otherwise untestable if any part is, disturbed if any is, exceeded if
    /// every part is confirmed or exceeded, else inconclusive.
    /// </summary>
    public static Judgement OverParts(IReadOnlyList<Judgement> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("no parts to combine");
        if (parts.Count == 1) return parts[0];
        string Which(Verdict v) => string.Join("; ", parts.Select((p, i) => (p, i)).Where(x => x.p.Verdict == v).Select(x => $"part {x.i + 1}: {x.p.Reason}"));
        if (parts.Any(p => p.Verdict == Verdict.Refuted)) return new(Verdict.Refuted, Which(Verdict.Refuted));
        if (parts.All(p => p.Verdict == Verdict.Confirmed)) return new(Verdict.Confirmed, $"all {parts.Count} parts confirmed");
        if (parts.Any(p => p.Verdict == Verdict.Untestable)) return new(Verdict.Untestable, Which(Verdict.Untestable));
        if (parts.Any(p => p.Verdict == Verdict.Disturbed)) return new(Verdict.Disturbed, Which(Verdict.Disturbed));
        if (parts.All(p => p.Verdict is Verdict.Confirmed or Verdict.Exceeded)) return new(Verdict.Exceeded, Which(Verdict.Exceeded));
        return new(Verdict.Inconclusive, Which(Verdict.Inconclusive));
    }

    private static string Tally(IEnumerable<Judgement> rows) =>
        string.Join(", ", rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    private static string Reasons(IEnumerable<Judgement> rows) => string.Join("; ", rows.Select(r => r.Reason).Distinct());
}
