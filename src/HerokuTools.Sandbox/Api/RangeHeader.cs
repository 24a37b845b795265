using System.Globalization;
using HerokuTools.Sandbox.State;

namespace HerokuTools.Sandbox.Api;

/// <summary>
/// Heroku's list paging: <c>Range: version ]5..; max=15, order=desc</c> (field, optional start — <c>]</c> excludes
/// it —, optional end, options). Answers the page and, when more is left, the <c>Next-Range</c> to ask for it.
/// </summary>
internal sealed record RangeHeader(string Field, string? Start, bool StartExclusive, string? End, int Max, bool Descending)
{
    public const int DefaultMax = 200;

    public static RangeHeader Parse(string? header, string defaultField, IReadOnlyCollection<string> fields)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new RangeHeader(defaultField, null, false, null, DefaultMax, false);
        }

        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var spec = (semicolon < 0 ? header : header[..semicolon]).Trim();
        var options = semicolon < 0 ? "" : header[(semicolon + 1)..];

        var space = spec.IndexOf(' ', StringComparison.Ordinal);
        var field = (space < 0 ? spec : spec[..space]).Trim();
        var bounds = space < 0 ? "" : spec[(space + 1)..].Trim();
        if (!fields.Contains(field))
        {
            throw new ApiException(400, "bad_request", $"Range can only be on {string.Join(", ", fields)}.");
        }

        string? start = null;
        string? end = null;
        var exclusive = false;
        if (bounds.Length > 0)
        {
            var dots = bounds.IndexOf("..", StringComparison.Ordinal);
            start = (dots < 0 ? bounds : bounds[..dots]).Trim();
            end = dots < 0 ? null : bounds[(dots + 2)..].Trim();
            if (start.StartsWith(']'))
            {
                exclusive = true;
                start = start[1..];
            }

            start = start.Length == 0 ? null : start;
            end = string.IsNullOrEmpty(end) ? null : end;
        }

        var max = DefaultMax;
        var descending = false;
        foreach (var option in options.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            if (parts[0] == "max" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0)
            {
                max = Math.Min(m, 1000);
            }
            else if (parts[0] == "order")
            {
                descending = parts[1] == "desc";
            }
        }

        return new RangeHeader(field, start, exclusive, end, max, descending);
    }

    /// <summary>The page of <paramref name="items"/> in this range; <c>Next</c> is the Next-Range value, or null.</summary>
    public (IReadOnlyList<T> Page, string? Next) Apply<T>(IEnumerable<T> items, Func<T, string, IComparable> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ordered = Descending
            ? items.OrderByDescending(i => key(i, Field))
            : items.OrderBy(i => key(i, Field));
        var list = ordered.ToList();
        var comparer = Comparer<IComparable>.Default;
        IComparable? Bound(string? text) => text is null
            ? null
            : Field == "version" && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : text;
        var start = Bound(Start);
        var end = Bound(End);
        var sign = Descending ? -1 : 1;
        var inRange = list.Where(i =>
        {
            var k = key(i, Field);
            if (start is not null)
            {
                var c = sign * comparer.Compare(k, start);
                if (c < 0 || (c == 0 && StartExclusive))
                {
                    return false;
                }
            }

            return end is null || sign * comparer.Compare(k, end) <= 0;
        }).ToList();

        var page = inRange.Take(Max).ToList();
        if (inRange.Count <= Max)
        {
            return (page, null);
        }

        var last = key(page[^1], Field);
        var next = $"{Field} ]{Convert.ToString(last, CultureInfo.InvariantCulture)}..; max={Max.ToString(CultureInfo.InvariantCulture)}"
            + (Descending ? ", order=desc" : "");
        return (page, next);
    }
}
