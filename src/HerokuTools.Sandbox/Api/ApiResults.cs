using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Api;

/// <summary>JSON results as Heroku sends them: <c>Content-Type: application/json</c>, source-generated serialization.</summary>
internal static class ApiResults
{
    public const string ContentType = "application/json";

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, ContentType, status);

    public static IResult Error(ApiException error) =>
        Json(new ErrorView(error.Id, error.Message), ApiJsonContext.Default.ErrorView, error.Status);

    /// <summary>ISO 8601 UTC to the second, as Heroku writes times.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;
}

public sealed record ErrorView(string Id, string Message);
