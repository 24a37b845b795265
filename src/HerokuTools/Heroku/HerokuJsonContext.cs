using System.Text.Json.Serialization;
using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

/// <summary>
/// Source-generated (AOT-clean) JSON for every Platform API body: snake_case names as on the wire, nulls left
/// out of request objects. Dictionary values are not properties, so a config-var PATCH still writes an explicit
/// <c>null</c> to unset a key.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(HerokuApp))]
[JsonSerializable(typeof(List<HerokuApp>))]
[JsonSerializable(typeof(AppCreateRequest))]
[JsonSerializable(typeof(AppUpdateRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Release))]
[JsonSerializable(typeof(List<Release>))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(Slug))]
[JsonSerializable(typeof(Formation))]
[JsonSerializable(typeof(List<Formation>))]
[JsonSerializable(typeof(FormationBatchRequest))]
[JsonSerializable(typeof(Dyno))]
[JsonSerializable(typeof(List<Dyno>))]
[JsonSerializable(typeof(DynoCreateRequest))]
[JsonSerializable(typeof(Addon))]
[JsonSerializable(typeof(AddonCreateRequest))]
[JsonSerializable(typeof(List<Addon>))]
[JsonSerializable(typeof(AddonAttachment))]
[JsonSerializable(typeof(List<AddonAttachment>))]
[JsonSerializable(typeof(Pipeline))]
[JsonSerializable(typeof(List<Pipeline>))]
[JsonSerializable(typeof(PipelineCoupling))]
[JsonSerializable(typeof(PipelinePromotion))]
[JsonSerializable(typeof(PipelinePromotionRequest))]
[JsonSerializable(typeof(List<PipelinePromotionTarget>))]
[JsonSerializable(typeof(HerokuError))]
internal sealed partial class HerokuJsonContext : JsonSerializerContext;
