using System.Net;
using HerokuTools.Common;

namespace HerokuTools.Heroku;

/// <summary>The Platform API answered with an error; the message is one line naming the request.</summary>
public sealed class HerokuApiException(string message, HttpStatusCode statusCode, string? id, Exception? inner = null)
    : ToolException(message, ExitCodes.Failure, inner)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Heroku's error id, e.g. <c>not_found</c>, <c>rate_limit</c>; null when the body had none.</summary>
    public string? Id { get; } = id;
}
