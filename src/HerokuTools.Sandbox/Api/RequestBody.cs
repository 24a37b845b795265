using System.Text.Json;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Api;

/// <summary>Reads a request's JSON object body (empty = {}), and typed fields of it, with Heroku's errors.</summary>
internal static class RequestBody
{
    public static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (buffer.Length == 0)
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest("Request body must be a JSON object.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("Invalid JSON in the request body.");
        }
    }

    public static string? String(this JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw ApiException.InvalidParams($"{name} must be a string."),
        };
    }

    public static string RequiredString(this JsonElement body, string name) =>
        body.String(name) ?? throw ApiException.InvalidParams($"{name} is required.");

    /// <summary>
    /// A resource identity as Heroku takes it: a string (name or id), or an object with <c>name</c> or <c>id</c>
    /// (the official CLI sends <c>"plan": {"name": "heroku-postgresql"}</c>); null when missing.
    /// </summary>
    public static string? Identity(this JsonElement body, string name)
    {
        if (body.Object(name) is { } nested)
        {
            return nested.String("name") ?? nested.String("id")
                ?? throw ApiException.InvalidParams($"{name} must have a name or an id.");
        }

        return body.String(name);
    }

    public static bool? Bool(this JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiException.InvalidParams($"{name} must be a boolean."),
        };
    }

    public static int? Int(this JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out number))
        {
            return number;
        }

        throw ApiException.InvalidParams($"{name} must be an integer.");
    }

    /// <summary>A nested object's field, e.g. <c>{"pipeline": {"id": ...}}</c>; null when either is missing.</summary>
    public static JsonElement? Object(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
