namespace HerokuTools.Sandbox.Git;

/// <summary>The pushing terminal: each line appears there as <c>remote: LINE</c>.</summary>
public interface IPushOutput
{
    /// <summary>Sends one line (a text with line breaks is sent as several lines) and flushes it.</summary>
    ValueTask WriteLineAsync(string line);
}
