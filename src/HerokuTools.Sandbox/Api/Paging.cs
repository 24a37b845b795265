using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Api;

/// <summary>Answers a list under a Range header: 200 when it all fits, 206 with Next-Range when more is left.</summary>
internal static class Paging
{
    public static IResult List<TRecord, TView>(
        HttpContext context,
        IEnumerable<TRecord> records,
        string[] fields,
        Func<TRecord, string, IComparable> key,
        Func<TRecord, TView> view,
        JsonTypeInfo<List<TView>> type)
    {
        var range = RangeHeader.Parse(context.Request.Headers.Range, fields[0], fields);
        var (page, next) = range.Apply(records, key);
        context.Response.Headers.AcceptRanges = string.Join(", ", fields);
        if (next is not null)
        {
            context.Response.Headers["Next-Range"] = next;
        }

        return ApiResults.Json([.. page.Select(view)], type, next is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent);
    }
}
