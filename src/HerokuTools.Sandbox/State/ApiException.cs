namespace HerokuTools.Sandbox.State;

/// <summary>An error the API answers as Heroku does: a status code and a body <c>{"id": ..., "message": ...}</c>.</summary>
public sealed class ApiException(int status, string id, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Id { get; } = id;

    public static ApiException NotFound(string message) => new(404, "not_found", message);
    public static ApiException InvalidParams(string message) => new(422, "invalid_params", message);
    public static ApiException BadRequest(string message) => new(400, "bad_request", message);
    public static ApiException Unavailable(string message) => new(503, "unavailable", message);
}
