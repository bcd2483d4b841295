#!/usr/bin/env bash
# Proves that the packed task assembly loads and runs in the MSBuild engine of .NET 8 and .NET 9
# (Microsoft.Build 17.11, the .NET 8.0.4xx SDK's engine), each self-contained on that runtime: the
# IL build, and this machine's ahead-of-time copy, whose .NET 10 code those runtimes must ignore
# and run from its IL. The .NET 10 SDK's own MSBuild is covered by the end-to-end tests.
#   eng/msbuild-compat/check.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack "$root/src/Sdk/M1Env.Sdk.csproj" -c Release -o "$work/feed" -nologo >/dev/null
unzip -q "$work"/feed/M1Env.Sdk.*.nupkg 'tasks/*' -d "$work/package"
# This machine's ahead-of-time copy, where the package has one for its runtime identifier.
folders=(net8.0)
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
[[ -d "$work/package/tasks/readytorun/$rid" ]] && folders+=("readytorun/$rid")

for runtime in 8.0.34 9.0.23; do
  tfm="net${runtime%%.*}.0"
  dotnet publish "$root/eng/msbuild-compat/MSBuildCompat.csproj" -c Release -nologo -o "$work/host-$tfm" \
    -p:CompatTargetFramework="$tfm" -p:RuntimeFrameworkVersion="$runtime" >/dev/null
  for tasks in "${folders[@]}"; do
    run="$work/$tfm/${tasks//\//-}"
    mkdir -p "$run"
    cp "$root/eng/msbuild-compat/compat.proj" "$run/"
    echo "tasks/$tasks:"
    "$work/host-$tfm/MSBuildCompat" "$run/compat.proj" Compat \
      "M1EnvTasksDirectory=$work/package/tasks/$tasks/" "M1EnvRoot=$run/.m1env/" \
      "M1EnvPipFindLinks=$root/samples/quickstart/wheels" "M1EnvToolsDir=$work/tools" | grep -E '^(compat:|MSBuild engine)'
  done
done
