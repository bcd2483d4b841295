#!/usr/bin/env python3
"""Times the no-op `dotnet build` of a provisioned env project, M1Env on against M1Env off.

Packs M1Env.Sdk from this repository, provisions an env project that consumes it (offline, from
the quickstart wheels), then alternates no-op builds with M1Env enabled and with
-p:M1EnvEnabled=false, node reuse off so every build is a fresh MSBuild process, and prints the
median of each and their ratio (goal: 1.02 or less).

The env is shaped like a real ML env: --packages declared packages (default 10), each a folder
package with --deps dependencies of its own (default 3), so the no-op check reads as many records
and stats as many folders as it does there.

    python3 bench/noop_build.py [--runs 40] [--packages 10] [--deps 3] [--no-restore]

With --conda EXE the env is a CondaEnv instead: the declared packages are conda packages (noarch,
each with a folder in site-packages and --deps dependencies), from a local channel that also holds
python and pip taken from the package cache the conda tests build (run them once first:
M1ENV_TEST_CONDA=EXE dotnet test ... --filter RealCondaTests), plus the same pip packages.

    python3 bench/noop_build.py --conda /path/to/conda [--conda-python DIR]
"""
import base64
import hashlib
import io
import json
import tarfile
import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
WHEELS = ROOT / "samples" / "quickstart" / "wheels"


def run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stdout}")
    return result.stdout


def build_wheel(folder, name, requires=(), version="1.0"):
    """A minimal pure-Python wheel whose package is a folder, as most real packages are."""
    module = name.replace("-", "_")
    info = f"{module}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {f"{module}/__init__.py": b"VALUE = 1\n",
             f"{info}/METADATA": metadata.encode(),
             f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: m1env-bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = "".join(f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
                     for path, data in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    with zipfile.ZipFile(folder / f"{module}-{version}-py3-none-any.whl", "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)


def conda_package(channel, name, depends=(), version="1.0"):
    """A noarch conda package whose files are a folder in site-packages, as a Python package's are."""
    module = name.replace("-", "_")
    files = {f"site-packages/{module}/__init__.py": b"VALUE = 1\n", f"site-packages/{module}/data.txt": name.encode()}
    index = {"name": name, "version": version, "build": "0", "build_number": 0, "depends": list(depends),
             "noarch": "python", "subdir": "noarch", "license": "MIT", "timestamp": 1577836800000}
    paths = {"paths": [{"_path": p, "path_type": "hardlink", "sha256": hashlib.sha256(d).hexdigest(), "size_in_bytes": len(d)}
                       for p, d in files.items()], "paths_version": 1}
    info = {"info/index.json": json.dumps(index).encode(), "info/paths.json": json.dumps(paths).encode(),
            "info/files": "".join(p + "\n" for p in files).encode(),
            "info/link.json": json.dumps({"noarch": {"type": "python"}, "package_metadata_version": 1}).encode()}
    file_name = f"{name}-{version}-0.tar.bz2"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:bz2", format=tarfile.PAX_FORMAT) as archive:
        for path, data in {**info, **files}.items():
            entry = tarfile.TarInfo(path)
            entry.size, entry.mode, entry.mtime = len(data), 0o644, 1577836800
            archive.addfile(entry, io.BytesIO(data))
    data = buffer.getvalue()
    (channel / "noarch" / file_name).write_bytes(data)
    return file_name, dict(index, md5=hashlib.md5(data).hexdigest(), sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def conda_channel(work, python_cache, names, deps):
    """A file:// channel: python and pip from the tests' cache, and the declared packages with their dependencies."""
    channel = work / "channel"
    records = {}
    for subdir in ("noarch", "linux-64", "osx-arm64", "osx-64", "linux-aarch64", "win-64"):
        (channel / subdir).mkdir(parents=True)
        records[subdir] = {}
    for record in json.loads((python_cache / "records.json").read_text()):
        file_name = f"{record['name']}-{record['version']}-{record['build']}.tar.bz2"
        shutil.copy(python_cache / file_name, channel / record["subdir"] / file_name)
        records[record["subdir"]][file_name] = record
    for name in names:
        dependencies = [f"{name}-dep{j}" for j in range(deps)]
        for dependency in dependencies:
            file_name, record = conda_package(channel, dependency, ["python"])
            records["noarch"][file_name] = record
        file_name, record = conda_package(channel, name, ["python", *dependencies])
        records["noarch"][file_name] = record
    for subdir, packages in records.items():
        repodata = {"info": {"subdir": subdir}, "packages": packages, "packages.conda": {}, "removed": [], "repodata_version": 1}
        (channel / subdir / "repodata.json").write_text(json.dumps(repodata, indent=1, sort_keys=True))
    return channel.as_uri()


def timed(args, cwd, env):
    start = time.perf_counter()
    run(args, cwd, env)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40, help="measured builds of each kind (default 40)")
    parser.add_argument("--packages", type=int, default=10, help="declared packages (default 10)")
    parser.add_argument("--deps", type=int, default=3, help="dependencies of each declared package (default 3)")
    parser.add_argument("--no-restore", action="store_true", help="time `dotnet build --no-restore`")
    parser.add_argument("--conda", help="a conda executable: bench a CondaEnv with conda packages")
    parser.add_argument("--conda-python", help="folder holding the python and pip conda packages (default: the newest tests' cache)")
    options = parser.parse_args()
    python_cache = None
    if options.conda:
        caches = sorted(pathlib.Path(tempfile.gettempdir(), "m1env-conda-python").glob("*/records.json"), key=lambda p: p.stat().st_mtime)
        python_cache = pathlib.Path(options.conda_python) if options.conda_python else (caches[-1].parent if caches else None)
        if python_cache is None or not (python_cache / "records.json").exists():
            sys.exit("No python conda package: run the conda tests once (M1ENV_TEST_CONDA=EXE dotnet test ... --filter RealCondaTests) or pass --conda-python.")

    work = pathlib.Path(tempfile.mkdtemp(prefix="m1env-bench-"))
    try:
        env = dict(os.environ, NUGET_PACKAGES=str(work / "packages"), MSBUILDDISABLENODEREUSE="1",
                   DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", CONDA_PKGS_DIRS=str(work / "conda-pkgs"))
        feed = work / "feed"
        # Packed with the user's own package folder: the repository's obj/ must never point at this run's, deleted at the end.
        pack_env = {k: v for k, v in env.items() if k != "NUGET_PACKAGES"}
        print("Packing M1Env.Sdk...", flush=True)
        run(["dotnet", "pack", str(ROOT / "src" / "Sdk" / "M1Env.Sdk.csproj"), "-c", "Release", "-o", str(feed),
             "-nodeReuse:false", "-nologo"], ROOT, pack_env)
        version = re.match(r"M1Env\.Sdk\.(.+)\.nupkg$", next(feed.glob("M1Env.Sdk.*.nupkg")).name).group(1)

        wheels = work / "wheels"
        wheels.mkdir()
        names = [f"m1bench-pkg{i:02d}" for i in range(options.packages)]
        for name in names:
            deps = [f"{name}-dep{j}" for j in range(options.deps)]
            for dep in deps:
                build_wheel(wheels, dep)
            build_wheel(wheels, name, deps)

        if options.conda:
            channel = conda_channel(work, python_cache, names, options.deps)
            env_items = f"""<CondaEnv Include="bench" Python="3.11" Channels="{channel}" />
    <CondaPackage Include="{';'.join(names)}" />
    <PipPackage Include="m1env-hello" Version="1.0.0" />"""
            conda_property = f"<M1EnvCondaExe>{options.conda}</M1EnvCondaExe>"
        else:
            env_items = f"""<PythonEnv Include="bench" Python="3.11" />
    <PipPackage Include="m1env-hello" Version="1.0.0" />
    <PipPackage Include="{';'.join(names)}" Version="1.0" />"""
            conda_property = ""

        project = work / "project"
        project.mkdir()
        (project / "nuget.config").write_text(
            f'<configuration><packageSources><clear /><add key="m1env" value="{feed}" /></packageSources></configuration>\n')
        (project / "env.proj").write_text(f"""<Project Sdk="M1Env.Sdk/{version}">
  <PropertyGroup>
    <M1EnvOffline>true</M1EnvOffline>
    <M1EnvPipFindLinks>{WHEELS};{wheels}</M1EnvPipFindLinks>
    <M1EnvToolsDir>{work / "tools"}</M1EnvToolsDir>
    {conda_property}
  </PropertyGroup>
  <ItemGroup>
    {env_items}
  </ItemGroup>
</Project>
""")
        build = ["dotnet", "build", "env.proj", "-nodeReuse:false", "-tl:off", "-v:q", "-nologo"]
        if options.no_restore:
            build.append("--no-restore")
        print(f"Provisioning with M1Env.Sdk {version}...", flush=True)
        run(["dotnet", "build", "env.proj", "-nodeReuse:false", "-nologo"], project, env)

        enabled, disabled = [], []
        for _ in range(2):  # warm the disk cache and the SDK's own first-run work
            timed(build, project, env)
            timed(build + ["-p:M1EnvEnabled=false"], project, env)
        for i in range(options.runs):
            # Alternate which kind goes first, so drift in the machine's load hits both alike.
            pair = [(enabled, build), (disabled, build + ["-p:M1EnvEnabled=false"])]
            for samples, args in (pair if i % 2 == 0 else reversed(pair)):
                samples.append(timed(args, project, env))

        on, off = statistics.median(enabled), statistics.median(disabled)
        # Each enabled build against the disabled one next to it: drift in the machine's load cancels out.
        paired = statistics.median(a / b for a, b in zip(enabled, disabled))
        print(f"env: {'conda (' + options.conda + ')' if options.conda else 'venv'}; runs: {options.runs} of each, alternating; restore: {'no' if options.no_restore else 'yes'}")
        print(f"median no-op build, M1Env enabled:  {on * 1000:.0f} ms (min {min(enabled) * 1000:.0f}, max {max(enabled) * 1000:.0f})")
        print(f"median no-op build, M1Env disabled: {off * 1000:.0f} ms (min {min(disabled) * 1000:.0f}, max {max(disabled) * 1000:.0f})")
        print(f"ratio of the medians: {on / off:.3f}; median of the paired ratios: {paired:.3f} (goal: 1.02 or less)")

        # What MSBuild itself says the M1Env targets cost in one no-op build.
        summary = run(build + ["-v:m", "-clp:PerformanceSummary"], project, env)
        targets = [line.strip() for line in summary.splitlines() if re.search(r"\b_?M1Env\w+\s+\d+ calls", line)]
        print("M1Env targets in one no-op build (MSBuild's performance summary): " + "; ".join(targets))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
