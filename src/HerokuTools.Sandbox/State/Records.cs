namespace HerokuTools.Sandbox.State;

// The sandbox's persisted model. Mutable classes, changed only under SandboxState's lock.

public sealed class AppRecord
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public bool Maintenance { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public Dictionary<string, string> ConfigVars { get; init; } = new(StringComparer.Ordinal);
}

public sealed class ReleaseRecord
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required int Version { get; init; }
    public required string Description { get; init; }
    public string? SlugId { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The config vars as they were at this release, so a rollback can restore them.</summary>
    public Dictionary<string, string> ConfigVars { get; init; } = new(StringComparer.Ordinal);
    public List<string> AddonPlanNames { get; init; } = [];
}

public sealed class SlugRecord
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public string? Commit { get; init; }
    public string? CommitDescription { get; init; }
    public Dictionary<string, string> ProcessTypes { get; init; } = new(StringComparer.Ordinal);
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class FormationRecord
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string Type { get; init; }
    public required string Command { get; set; }
    public int Quantity { get; set; }
    public required string Size { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

public sealed class AddonRecord
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string Name { get; init; }
    public required string Service { get; init; }
    public required string Plan { get; init; }
    public List<string> ConfigVars { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

public sealed class AttachmentRecord
{
    public required string Id { get; init; }
    public required string AddonId { get; init; }
    public required string AppId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class PipelineRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class CouplingRecord
{
    public required string Id { get; init; }
    public required string PipelineId { get; init; }
    public required string AppId { get; init; }
    public required string Stage { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

public sealed class PromotionRecord
{
    public required string Id { get; init; }
    public required string PipelineId { get; init; }
    public required string SourceAppId { get; init; }
    public required string SourceReleaseId { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<PromotionTargetRecord> Targets { get; init; } = [];
}

public sealed class PromotionTargetRecord
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public string? ReleaseId { get; init; }
    public required string Status { get; init; }
    public string? ErrorMessage { get; init; }
}

/// <summary>Everything the sandbox keeps across restarts (state.json).</summary>
public sealed class StateData
{
    public List<AppRecord> Apps { get; init; } = [];
    public List<ReleaseRecord> Releases { get; init; } = [];
    public List<SlugRecord> Slugs { get; init; } = [];
    public List<FormationRecord> Formation { get; init; } = [];
    public List<AddonRecord> Addons { get; init; } = [];
    public List<AttachmentRecord> Attachments { get; init; } = [];
    public List<PipelineRecord> Pipelines { get; init; } = [];
    public List<CouplingRecord> Couplings { get; init; } = [];
    public List<PromotionRecord> Promotions { get; init; } = [];
}
