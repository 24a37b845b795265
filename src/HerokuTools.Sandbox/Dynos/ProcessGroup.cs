using System.Runtime.InteropServices;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>Signals a whole process group (a dyno's command and everything it spawned).</summary>
internal static partial class ProcessGroup
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="groupId"/>; false when none is left.
    /// Right after the start the leader may not have called setsid yet, so no group of that id exists: then the
    /// signal goes to the leader itself (a signal sent before exec still ends it), instead of being lost.</summary>
    public static bool Signal(int groupId, int signal) =>
        groupId > 1 && (NativeMethods.kill(-groupId, signal) == 0 || NativeMethods.kill(groupId, signal) == 0);

    /// <summary>True while any process of the group is alive (signal 0 only probes).</summary>
    public static bool IsAlive(int groupId) => Signal(groupId, 0);

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; this signature is blittable anyway.
        public static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}
