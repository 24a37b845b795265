using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps/{app}/formation: one entry per process type.</summary>
    public Task<List<Formation>> ListFormationAsync(string app, CancellationToken cancellation = default) =>
        ListAsync($"/apps/{Segment(app)}/formation", HerokuJsonContext.Default.ListFormation, new ListRange("id"), null, cancellation);

    /// <summary>PATCH /apps/{app}/formation <c>{"updates": [...]}</c>: scale or resize several process types at once.</summary>
    public Task<List<Formation>> UpdateFormationAsync(
        string app, IEnumerable<FormationUpdate> updates, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var request = new FormationBatchRequest
        {
            Updates = updates.Select(u => new FormationUpdateWire
            {
                Type = u.Type,
                Quantity = u.Quantity,
                DynoSize = u.Size is null ? null : ResourceRef.ByName(u.Size),
            }).ToList(),
        };
        return SendAsync(HttpMethod.Patch, $"/apps/{Segment(app)}/formation", request,
            HerokuJsonContext.Default.FormationBatchRequest, HerokuJsonContext.Default.ListFormation, cancellation);
    }
}
