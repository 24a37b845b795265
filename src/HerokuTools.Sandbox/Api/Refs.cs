using System.Security.Cryptography;
using System.Text;

namespace HerokuTools.Sandbox.Api;

// Small nested objects that several resources embed.

public sealed record IdRef(string Id);

public sealed record NamedRef(string Id, string Name);

public sealed record AppRef(string Name, string Id);

public sealed record UserRef(string Id, string Email);

/// <summary>The fixed things every sandbox app shares: stack, region, generation, with stable ids.</summary>
internal static class Fixed
{
    public static readonly NamedRef Stack = new(StableId("stack:heroku-24"), "heroku-24");
    public static readonly NamedRef Region = new(StableId("region:us"), "us");
    public static readonly NamedRef Generation = new(StableId("generation:cedar"), "cedar");
    public static readonly UserRef Owner = new(State.SandboxState.AccountId, State.SandboxState.AccountEmail);

    /// <summary>A uuid derived from a name, so the same plan or size has the same id on every run.</summary>
    public static string StableId(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
