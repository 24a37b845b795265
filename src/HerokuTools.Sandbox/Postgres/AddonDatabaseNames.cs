using System.Security.Cryptography;
using System.Text;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// The database and role names of an add-on, derived from its name so that dropping finds them again:
/// <c>d_NAME</c> and <c>u_NAME</c> (the prefixes keep clear of <c>postgres</c>, <c>template1</c> and the reserved
/// <c>pg_</c> roles). NAME is the add-on name in lower case, letters, digits, '_' and '-' kept and anything else
/// made '_'. When that changed the name, or it is too long for PostgreSQL's 63-byte identifiers, a hash of the full
/// name is appended so that distinct add-ons never share a database.
/// </summary>
internal sealed record AddonDatabaseNames(string Database, string Role)
{
    private const int MaxBaseLength = 48;

    public static AddonDatabaseNames For(string addonName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addonName);
        var builder = new StringBuilder(addonName.Length);
        foreach (var c in addonName.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }

        var name = builder.ToString();
        if (name != addonName || name.Length > MaxBaseLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(addonName)))[..8];
            name = $"{name[..Math.Min(name.Length, MaxBaseLength)]}_{hash}";
        }

        return new AddonDatabaseNames("d_" + name, "u_" + name);
    }
}
