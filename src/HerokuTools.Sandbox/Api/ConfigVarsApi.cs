using System.Text.Json;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Config vars: GET the map, PATCH merges (null deletes) and answers the whole map.</summary>
internal static class ConfigVarsApi
{
    public static void MapConfigVars(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/config-vars", (string app) =>
            ApiResults.Json(new Dictionary<string, string>(state.ConfigVars(app)), ApiJsonContext.Default.DictionaryStringString));

        routes.MapGet("/apps/{app}/releases/{release}/config-vars", (string app, string release) =>
            ApiResults.Json(new Dictionary<string, string>(state.FindRelease(app, release).ConfigVars), ApiJsonContext.Default.DictionaryStringString));

        routes.MapPatch("/apps/{app}/config-vars", async (string app, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in body.EnumerateObject())
            {
                if (property.Name.Length == 0 || !property.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw ApiException.InvalidParams($"Invalid config var name: {property.Name}");
                }

                changes[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => throw ApiException.InvalidParams($"{property.Name} must be a string or null."),
                };
            }

            var merged = state.UpdateConfigVars(app, changes);
            return ApiResults.Json(new Dictionary<string, string>(merged), ApiJsonContext.Default.DictionaryStringString);
        });
    }
}
