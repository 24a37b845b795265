using System.Globalization;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>The parts of an <c>attach_url</c>: <c>rendezvous://HOST:PORT/SECRET</c>.</summary>
public sealed record RendezvousAddress(string Host, int Port, string Secret)
{
    /// <summary>Parses an attach URL; the secret is everything after the first slash of the path (query included), as the heroku CLI sends it.</summary>
    public static RendezvousAddress Parse(string attachUrl)
    {
        if (!Uri.TryCreate(attachUrl, UriKind.Absolute, out var uri)
            || uri.Scheme != "rendezvous"
            || uri.Port <= 0
            || uri.AbsolutePath.Length <= 1)
        {
            throw new FormatException($"Not a rendezvous URL: {Redacted(attachUrl)}");
        }

        return new RendezvousAddress(uri.IdnHost, uri.Port, uri.AbsolutePath[1..] + uri.Query);
    }

    public override string ToString() => $"rendezvous://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/…";

    /// <summary>The URL without its secret, fit for an error message.</summary>
    private static string Redacted(string attachUrl)
    {
        var pathStart = attachUrl.IndexOf('/', attachUrl.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 3 : 0);
        return pathStart < 0 ? attachUrl : attachUrl[..pathStart] + "/…";
    }
}
