namespace HerokuTools.Sandbox.Git;

/// <summary>
/// The pre-receive hook in every app repository. It needs bash alone (its <c>/dev/tcp</c> redirection, no curl): it
/// connects to the loopback port named in HEROKU_SANDBOX_PUSH (set per push on <c>git http-backend</c>, which hooks
/// inherit), sends a nonce, the quarantine variables and its stdin (the ref updates), then prints the lines the
/// sandbox sends back (git relays them as <c>remote:</c> lines) and exits with the status the sandbox decides.
/// See <see cref="PushSession"/> for the other end.
/// </summary>
internal static class PreReceiveHook
{
    public const string EnvironmentVariable = "HEROKU_SANDBOX_PUSH";

    public const string Script = """
        #!/usr/bin/env bash
        # Installed by the HerokuTools sandbox: hands the push to the sandbox and relays its build output.
        if [ -z "${HEROKU_SANDBOX_PUSH:-}" ]; then
          echo " !     This repository takes pushes through the sandbox only."
          exit 1
        fi
        port=${HEROKU_SANDBOX_PUSH%%:*}
        nonce=${HEROKU_SANDBOX_PUSH#*:}
        if ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then
          echo " !     The sandbox is not listening for this push."
          exit 1
        fi
        {
          printf 'nonce %s\n' "$nonce"
          printf 'objects %s\n' "${GIT_OBJECT_DIRECTORY:-}"
          printf 'alternates %s\n' "${GIT_ALTERNATE_OBJECT_DIRECTORIES:-}"
          printf 'quarantine %s\n' "${GIT_QUARANTINE_PATH:-}"
          while read -r old new ref; do
            printf 'ref %s %s %s\n' "$old" "$new" "$ref"
          done
          printf 'end\n'
        } >&3
        status=1
        while IFS= read -r line <&3; do
          case $line in
            "> "*) printf '%s\n' "${line#> }" ;;
            ">") echo ;;
            "status "*) status=${line#status }; break ;;
          esac
        done
        exec 3>&-
        exit "$status"

        """;

    public static void Install(string gitDir)
    {
        var path = Path.Combine(gitDir, "hooks", "pre-receive");
        if (File.Exists(path) && File.ReadAllText(path) == Script)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Script);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, path, overwrite: true);
    }
}
