using System.Globalization;
using System.Text;

namespace HerokuTools.Heroku;

public enum ListOrder
{
    Ascending,
    Descending,
}

/// <summary>
/// The first <c>Range</c> header of a list request, e.g. <c>id ..</c> or <c>version ..; max=10, order=desc</c>.
/// Later pages use the server's <c>Next-Range</c> verbatim.
/// </summary>
public sealed record ListRange(string Field, int? Max = null, ListOrder Order = ListOrder.Ascending)
{
    /// <summary>Heroku's largest page.</summary>
    public const int MaxPageSize = 1000;

    public string ToHeaderValue()
    {
        var value = new StringBuilder(Field).Append(" ..");
        var options = new List<string>(2);
        if (Max is { } max)
        {
            options.Add(string.Create(CultureInfo.InvariantCulture, $"max={Math.Clamp(max, 1, MaxPageSize)}"));
        }

        if (Order == ListOrder.Descending)
        {
            options.Add("order=desc");
        }

        if (options.Count > 0)
        {
            value.Append("; ").AppendJoin(", ", options);
        }

        return value.ToString();
    }

    public override string ToString() => ToHeaderValue();
}
