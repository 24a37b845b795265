using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>GET /apps/{app}/collaborators (the official CLI's apps:info asks): just the owner.</summary>
internal static class CollaboratorsApi
{
    public static void MapCollaborators(this IEndpointRouteBuilder routes, SandboxState state) =>
        routes.MapGet("/apps/{app}/collaborators", (string app) =>
        {
            var found = state.FindApp(app);
            CollaboratorView owner = new(
                App: new AppRef(found.Name, found.Id),
                CreatedAt: ApiResults.Time(found.CreatedAt),
                Id: Fixed.StableId("collaborator:" + found.Id),
                Permissions: [],
                Role: "owner",
                UpdatedAt: ApiResults.Time(found.CreatedAt),
                User: new CollaboratorUser(SandboxState.AccountEmail, false, SandboxState.AccountId));
            return ApiResults.Json([owner], ApiJsonContext.Default.ListCollaboratorView);
        });
}

public sealed record PermissionRef(string Name, string Description);

public sealed record CollaboratorUser(string Email, bool Federated, string Id);

public sealed record CollaboratorView(
    AppRef App,
    string CreatedAt,
    string Id,
    List<PermissionRef> Permissions,
    string? Role,
    string UpdatedAt,
    CollaboratorUser User);
