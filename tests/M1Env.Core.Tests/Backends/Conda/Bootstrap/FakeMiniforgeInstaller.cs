using System.Text;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

/// <summary>
/// A bash script that installs like Miniforge's: <c>-b -p PREFIX</c>, refuses an existing prefix
/// without <c>-u</c> and one with spaces, and leaves <c>PREFIX/bin/conda</c>, which prints <c>conda 25.3.1</c>.
/// Like the real one, its payload follows an <c>exit</c> bash never reads past.
/// </summary>
internal static class FakeMiniforgeInstaller
{
    /// <param name="failWith">When set, the installer prints this, leaves a half prefix and exits 7.</param>
    /// <param name="sleepSeconds">How long it "unpacks" before creating conda.</param>
    /// <param name="payloadBytes">Padding after the script, so a download takes several reads.</param>
    public static byte[] Script(string? failWith = null, int sleepSeconds = 0, int payloadBytes = 200_000)
    {
        var script = new StringBuilder();
        script.Append("""
            #!/bin/bash
            # Test stand-in for a Miniforge3 installer.
            set -eu
            BATCH=0
            UPDATE=0
            PREFIX="$HOME/miniforge3"
            while [ $# -gt 0 ]; do
              case "$1" in
                -b) BATCH=1; shift ;;
                -u) UPDATE=1; shift ;;
                -p) PREFIX="$2"; shift 2 ;;
                *) echo "ERROR: did not recognize option '$1'" >&2; exit 1 ;;
              esac
            done
            if [ "$BATCH" != 1 ]; then
              echo "ERROR: this installer only runs in batch mode (-b)" >&2; exit 1
            fi
            case "$PREFIX" in
              *\ * ) echo "ERROR: Cannot install into directories with spaces" >&2; exit 1 ;;
            esac
            if [ -e "$PREFIX" ] && [ "$UPDATE" != 1 ]; then
              echo "ERROR: File or directory already exists: '$PREFIX'" >&2
              echo "If you want to update an existing installation, use the -u option." >&2
              exit 1
            fi
            echo "PREFIX=$PREFIX"
            mkdir -p "$PREFIX/pkgs"
            echo "Unpacking payload ..."

            """);
        if (sleepSeconds > 0)
        {
            script.Append("sleep ").Append(sleepSeconds).Append('\n');
        }

        if (failWith is not null)
        {
            script.Append("echo '").Append(failWith).Append("' >&2\nexit 7\n");
        }

        script.Append("""
            mkdir -p "$PREFIX/bin" "$PREFIX/conda-meta"
            cat > "$PREFIX/bin/conda" <<'CONDA'
            #!/bin/sh
            echo "conda 25.3.1"
            CONDA
            chmod +x "$PREFIX/bin/conda"
            echo "installation finished."
            exit 0

            """);
        while (script.Length < payloadBytes)
        {
            script.Append('#').Append('x', 98).Append('\n');
        }

        return Encoding.UTF8.GetBytes(script.ToString());
    }
}
