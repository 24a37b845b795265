using HerokuTools.Common;
using HerokuTools.Heroku;

namespace HerokuTools.Deploy;

/// <summary>Deploys by promoting the upstream app's current release through its pipeline (pipeline-promotions).</summary>
public sealed class Promotion(HerokuClient client)
{
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    public async Task PromoteAsync(string fromApp, string toApp, Action<string> output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (source, target) = await CheckAsync(fromApp, toApp, cancellation);

        var fromId = source.App?.Id ?? (await client.GetAppAsync(fromApp, cancellation)).Id!;
        var toId = target.App?.Id ?? (await client.GetAppAsync(toApp, cancellation)).Id!;
        var promotion = await client.CreatePromotionAsync(source.Pipeline!.Id!, fromId, [toId], cancellation: cancellation);
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (promotion.Status == "pending")
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new ToolException($"the promotion of {fromApp} to {toApp} is still pending after {Timeout.TotalMinutes:0} minutes");
            }

            await Task.Delay(PollInterval, cancellation);
            promotion = await client.GetPromotionAsync(promotion.Id!, cancellation);
        }

        var targets = await client.ListPromotionTargetsAsync(promotion.Id!, cancellation);
        var outcome = targets.FirstOrDefault(t => t.App?.Id == toId || t.App?.Name == toApp);
        if (outcome?.Status != "succeeded")
        {
            throw new ToolException($"the promotion of {fromApp} to {toApp} failed: {outcome?.ErrorMessage ?? outcome?.Status ?? promotion.Status}");
        }

        output($"promoted {fromApp} -> {toApp}");
    }

    /// <summary>
    /// Both apps' pipeline couplings, when they are in one pipeline; else one clear line. The planner asks this
    /// first, so a missing coupling stops a deploy (and --dry-run) before anything changes.
    /// </summary>
    public async Task<(Heroku.Models.PipelineCoupling Source, Heroku.Models.PipelineCoupling Target)> CheckAsync(
        string fromApp, string toApp, CancellationToken cancellation)
    {
        var sourceTask = Task.Run(() => client.GetPipelineCouplingAsync(fromApp, cancellation), cancellation);
        var target = await client.GetPipelineCouplingAsync(toApp, cancellation);
        var source = await sourceTask
            ?? throw new ToolException($"{fromApp} is in no pipeline; couple {fromApp} and {toApp} in one to deploy by promotion", ExitCodes.Usage);
        if (target is null || target.Pipeline?.Id != source.Pipeline?.Id)
        {
            throw new ToolException($"{toApp} is not in {fromApp}'s pipeline; couple it to promote", ExitCodes.Usage);
        }

        return (source, target);
    }
}
