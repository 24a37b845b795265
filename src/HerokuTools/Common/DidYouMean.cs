namespace HerokuTools.Common;

/// <summary>
/// "Did you mean ...?" for names the user typed: the closest candidate by Damerau-Levenshtein distance
/// (optimal string alignment, case-insensitive), or none when nothing is close enough to be a plausible typo.
/// </summary>
public static class DidYouMean
{
    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="input"/>, or null.</summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Suggest(input, candidates.Select(c => (c, c)));
    }

    /// <summary>
    /// The answer of the closest candidate spelling, or null. Several spellings may share one answer
    /// (e.g. "staging" and "stage" both answer "uat"); on a tie the earliest candidate wins.
    /// </summary>
    public static string? Suggest(string input, IEnumerable<(string Spelling, string Answer)> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (spelling, answer) in candidates)
        {
            var distance = Distance(input, spelling);
            if (distance < bestDistance && IsClose(input, spelling, distance))
            {
                best = answer;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// Close enough to be a typo: at most one edit per three characters of the input (at least one edit), and
    /// never a complete rewrite of the shorter word.
    /// </summary>
    public static bool IsClose(string input, string candidate, int distance)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidate);
        var allowed = Math.Max(1, input.Length / 3);
        return distance <= allowed && distance < Math.Max(Math.Min(input.Length, candidate.Length), 1);
    }

    /// <summary>
    /// Edits (insert, delete, substitute, swap two adjacent characters) turning one into the other, ignoring case.
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();

        // Three rolling rows: two back (for transpositions), previous, current.
        var twoBack = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
            }

            (twoBack, previous, current) = (previous, current, twoBack);
        }

        return previous[b.Length];
    }
}
