using System.Text.RegularExpressions;

namespace HerokuTools.Sandbox.State;

public sealed partial class SandboxState
{
    private static readonly string[] Stages = ["test", "review", "development", "staging", "production"];

    public IReadOnlyList<PipelineRecord> Pipelines()
    {
        lock (_gate)
        {
            return [.. _data.Pipelines.OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
    }

    public PipelineRecord FindPipeline(string idOrName)
    {
        lock (_gate)
        {
            return _data.Pipelines.Find(p => p.Id == idOrName || p.Name == idOrName)
                ?? throw ApiException.NotFound("Couldn't find that pipeline.");
        }
    }

    public PipelineRecord CreatePipeline(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (!PipelineNamePattern().IsMatch(name))
            {
                throw ApiException.InvalidParams(
                    "Name must start with a letter and can only contain lowercase letters, digits, and dashes.");
            }

            if (_data.Pipelines.Exists(p => p.Name == name))
            {
                throw ApiException.InvalidParams("Name is already taken");
            }

            var pipeline = new PipelineRecord { Id = NewId(), Name = name, CreatedAt = Now() };
            _data.Pipelines.Add(pipeline);
            Save();
            return pipeline;
        }
    }

    public IReadOnlyList<CouplingRecord> Couplings(string pipelineIdOrName)
    {
        lock (_gate)
        {
            var pipeline = FindPipeline(pipelineIdOrName);
            return [.. _data.Couplings.Where(c => c.PipelineId == pipeline.Id).OrderBy(c => c.CreatedAt)];
        }
    }

    public CouplingRecord CouplingOf(string appIdOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return _data.Couplings.Find(c => c.AppId == app.Id)
                ?? throw ApiException.NotFound("Couldn't find that pipeline coupling.");
        }
    }

    public CouplingRecord CreateCoupling(string appIdOrName, string pipelineIdOrName, string stage)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var pipeline = FindPipeline(pipelineIdOrName);
            if (!Stages.Contains(stage))
            {
                throw ApiException.InvalidParams($"Stage must be one of {string.Join(", ", Stages)}.");
            }

            if (_data.Couplings.Exists(c => c.AppId == app.Id))
            {
                throw ApiException.InvalidParams("App is already part of a pipeline.");
            }

            var now = Now();
            var coupling = new CouplingRecord
            {
                Id = NewId(),
                PipelineId = pipeline.Id,
                AppId = app.Id,
                Stage = stage,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _data.Couplings.Add(coupling);
            Save();
            return coupling;
        }
    }

    public PromotionRecord FindPromotion(string id)
    {
        lock (_gate)
        {
            return _data.Promotions.Find(p => p.Id == id)
                ?? throw ApiException.NotFound("Couldn't find that pipeline promotion.");
        }
    }

    /// <summary>Releases the source's slug (its current release's, or the given release's) on every target app.</summary>
    public PromotionRecord Promote(string pipelineId, string sourceAppId, string? sourceReleaseId, IReadOnlyList<string> targetAppIds)
    {
        ArgumentNullException.ThrowIfNull(targetAppIds);
        lock (_gate)
        {
            var pipeline = FindPipeline(pipelineId);
            var source = FindApp(sourceAppId);
            var release = sourceReleaseId is null ? CurrentRelease(source) : FindRelease(source.Id, sourceReleaseId);
            var slug = release is null ? null : SlugOf(release);
            if (release is null || slug is null)
            {
                throw ApiException.InvalidParams($"{source.Name} has no slug to promote; deploy it first.");
            }

            var targets = targetAppIds.Select(FindApp).ToList();
            if (targets.Count == 0)
            {
                throw ApiException.InvalidParams("Targets must name at least one app.");
            }

            var promotion = new PromotionRecord
            {
                Id = NewId(),
                PipelineId = pipeline.Id,
                SourceAppId = source.Id,
                SourceReleaseId = release.Id,
                Status = "completed",
                CreatedAt = Now(),
            };
            foreach (var target in targets)
            {
                SyncFormation(target, slug);
                var released = AddRelease(target, $"Promote {source.Name} v{release.Version}", slug.Id, "succeeded");
                promotion.Targets.Add(new PromotionTargetRecord
                {
                    Id = NewId(),
                    AppId = target.Id,
                    ReleaseId = released.Id,
                    Status = "succeeded",
                });
            }

            _data.Promotions.Add(promotion);
            Save();
            return promotion;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{2,29}$")]
    private static partial Regex PipelineNamePattern();
}
