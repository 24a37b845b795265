using System.Runtime.InteropServices;

namespace HerokuTools.Cli.Sandbox;

/// <summary>SIGTERM to another process (the sandbox's), through libc.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => NativeMethods.kill(pid, SigTerm) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // blittable; LibraryImport would need AllowUnsafeBlocks
        public static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}
