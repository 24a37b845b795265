using System.Runtime.InteropServices;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>The few libc calls .NET has no API for. Blittable signatures only, so they stay Native-AOT clean.</summary>
internal static class Libc
{
    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserIdNative();

    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserIdNative() == 0;
}
