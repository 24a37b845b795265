using System.Globalization;
using System.Net;
using System.Text.Json;
using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

/// <summary>Turns an error answer into one line a user can act on.</summary>
internal static class HerokuErrors
{
    private const int MaxMessageLength = 300;

    public static HerokuApiException FromResponse(
        HttpStatusCode status, string? reason, byte[] body, HttpMethod method, string path, Uri apiUrl)
    {
        var code = (int)status;
        var error = TryParse(body);
        if (status == HttpStatusCode.Unauthorized)
        {
            return new HerokuApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"the token was refused by {apiUrl.Host} (HTTP {code}): check {HerokuCredentials.ApiKeyVariable} or ~/.netrc"),
                status, error?.Id ?? "unauthorized");
        }

        var id = string.IsNullOrWhiteSpace(error?.Id) ? null : OneLine(error.Id);
        var where = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}, {method} {path}");
        if (!string.IsNullOrWhiteSpace(error?.Message))
        {
            var tail = id is null ? where : $"{id}, {where}";
            return new HerokuApiException($"Heroku API: {OneLine(error.Message)} ({tail})", status, id);
        }

        var what = string.IsNullOrWhiteSpace(reason) ? "unexpected answer" : OneLine(reason);
        return new HerokuApiException($"Heroku API: {what} ({(id is null ? where : $"{id}, {where}")})", status, id);
    }

    private static HerokuError? TryParse(byte[] body)
    {
        try
        {
            var first = Array.FindIndex(body, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
            return first >= 0 && body[first] == (byte)'{'
                ? JsonSerializer.Deserialize(body, HerokuJsonContext.Default.HerokuError)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "...";
    }
}
