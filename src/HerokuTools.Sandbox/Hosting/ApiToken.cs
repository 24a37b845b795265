using System.Security.Cryptography;
using System.Text;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>The sandbox's API token: 32 random bytes as hex, made once and kept in STATE/api-token.</summary>
internal static class ApiToken
{
    public static string LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, SandboxInfo.TokenFileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var temp = path + ".tmp";
        File.WriteAllText(temp, token, Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
        return token;
    }

    /// <summary>True when the Authorization header carries the token: <c>Bearer TOKEN</c> or Basic with it as password.</summary>
    public static bool Authorizes(string? header, string token)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? presented = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                presented = colon < 0 ? null : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));
    }
}
