using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>GET /account and /users/{~, id or email}: the sandbox's one fixed owner account.</summary>
internal static class AccountApi
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void MapAccount(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/account", () => ApiResults.Json(View(state), ApiJsonContext.Default.AccountView));

        // The official CLI asks for /users/~ (e.g. pipelines:create, for the owner).
        routes.MapGet("/users/{user}", (string user) =>
        {
            Find(user);
            return ApiResults.Json(View(state), ApiJsonContext.Default.AccountView);
        });
    }

    /// <summary>Checks an account identity in a path (<c>~</c>, the id or the email): the sandbox has one account.</summary>
    public static void Find(string identity)
    {
        if (identity is not ("~" or SandboxState.AccountId) && !string.Equals(identity, SandboxState.AccountEmail, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.NotFound("Couldn't find that user.");
        }
    }

    private static AccountView View(SandboxState state) => new(
        AllowTracking: false,
        Beta: false,
        CreatedAt: ApiResults.Time(Created),
        Email: SandboxState.AccountEmail,
        Federated: false,
        Id: SandboxState.AccountId,
        IdentityProvider: null,
        LastLogin: ApiResults.Time(state.Now()),
        Name: "Sandbox Owner",
        SmsNumber: null,
        SuspendedAt: null,
        DelinquentAt: null,
        TwoFactorAuthentication: false,
        UpdatedAt: ApiResults.Time(Created),
        Verified: true,
        CountryOfResidence: null,
        DefaultOrganization: null,
        DefaultTeam: null);
}

public sealed record AccountView(
    bool AllowTracking,
    bool Beta,
    string CreatedAt,
    string Email,
    bool Federated,
    string Id,
    NamedRef? IdentityProvider,
    string? LastLogin,
    string? Name,
    string? SmsNumber,
    string? SuspendedAt,
    string? DelinquentAt,
    bool TwoFactorAuthentication,
    string UpdatedAt,
    bool Verified,
    string? CountryOfResidence,
    NamedRef? DefaultOrganization,
    NamedRef? DefaultTeam);
