#!/usr/bin/env python3
"""Times what M1Env spends provisioning against the manual commands it stands for.

Packs M1Env.Sdk from this repository and generates --packages wheels, served by a PEP 503 index on
127.0.0.1 (`--source index`, the default: links with #sha256=, as PyPI's) or read from a local
folder (`--source folder`, offline).
Then it alternates, round after round, in one process:

  fresh   _M1EnvProvisionEnvs' time (the target that runs the task) in a `dotnet build` whose env folder was deleted (the lock file is
          kept, as in a fresh clone), against `python -m venv X && X/bin/pip install ...` (same
          interpreter, same wheels)
  first   the same with the lock file deleted too, as in a project's first build
  three   the same for a project declaring three such envs, against one env
  deltas  a pin change, an added and a removed package: the build's time over a no-op build of
          the same project, against the one pip command for that change in the manual venv
  switch  the pin change again with the lock it wrote, as a checkout of a branch whose pin and
          lock both moved, against the same pip command

and prints the medians, their ratios, and the median of each round's own ratio. Goals: fresh <= 0.5
of manual, three envs <= 1.3 of one env, each delta <= 1.0 of its pip command.

M1EnvToolsDir is kept between builds, as on a developer's machine: the venv made once, what pip
installed once and what the interpreter answered once are reused (kept venvs, installs and probes). --cold deletes them before
every fresh, three-env and first build, as on a machine that never made an env.

    python3 bench/provision_build.py [--rounds 7] [--packages 6] [--source index|folder] [--cold]
"""

import argparse
import hashlib
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from noop_build import ROOT, build_wheel, run  # noqa: E402  (the shared helpers)


def timed(args, cwd, env):
    start = time.perf_counter()
    output = run(args, cwd, env)
    return time.perf_counter() - start, output


def provision_seconds(output):
    """The provisioning target's own time (_M1EnvProvisionEnvs, which runs the task), from MSBuild's performance summary."""
    match = re.search(r"(\d+) ms\s+_M1EnvProvisionEnvs\s+\d+ calls", output)
    if not match:
        sys.exit("No _M1EnvProvisionEnvs line in the performance summary:\n" + output)
    return int(match.group(1)) / 1000


def serve_index(root, wheels):
    """A PEP 503 simple index of the wheels under root, served on 127.0.0.1; returns (process, index URL)."""
    files = root / "files"
    files.mkdir(parents=True)
    projects = {}
    for wheel in sorted(wheels.glob("*.whl")):
        shutil.copy(wheel, files)
        name = re.sub(r"[-_.]+", "-", wheel.name.split("-")[0]).lower()
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        projects.setdefault(name, []).append(f'<a href="../../files/{wheel.name}#sha256={digest}">{wheel.name}</a>')
    for name, links in projects.items():
        (root / "simple" / name).mkdir(parents=True)
        (root / "simple" / name / "index.html").write_text("<!DOCTYPE html><html><body>\n" + "\n".join(links) + "\n</body></html>\n")
    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(root)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = re.search(r"port (\d+)", server.stdout.readline()).group(1)
    return server, f"http://127.0.0.1:{port}/simple/"


def project_file(version, sources, tools, envs, packages):
    items = "\n    ".join(f'<PythonEnv Include="{name}" Python="3.11" />' for name in envs)
    pins = "\n    ".join(f'<PipPackage Include="{p}" Version="{v}" Env="{name}" />' for name in envs for p, v in packages)
    return f"""<Project Sdk="M1Env.Sdk/{version}">
  <PropertyGroup>
    {sources}
    <M1EnvToolsDir>{tools}</M1EnvToolsDir>
  </PropertyGroup>
  <ItemGroup>
    {items}
    {pins}
  </ItemGroup>
</Project>
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument("--packages", type=int, default=6, help="declared packages (default 6)")
    parser.add_argument("--source", choices=("index", "folder"), default="index", help="where pip finds the wheels (default: a loopback index)")
    parser.add_argument("--cold", action="store_true", help="delete the kept venvs, installs and probes before every fresh, three-env and first build")
    parser.add_argument("--python", default=shutil.which("python3.11") or shutil.which("python3"), help="the interpreter both sides use")
    options = parser.parse_args()

    work = pathlib.Path(tempfile.mkdtemp(prefix="m1env-bench-provision-"))
    server = None
    try:
        env = dict(os.environ, NUGET_PACKAGES=str(work / "packages"), MSBUILDDISABLENODEREUSE="1",
                   DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        feed = work / "feed"
        # Packed with the user's own package folder: the repository's obj/ must never point at this run's, deleted at the end.
        pack_env = {k: v for k, v in env.items() if k != "NUGET_PACKAGES"}
        print("Packing M1Env.Sdk...", flush=True)
        run(["dotnet", "pack", str(ROOT / "src" / "Sdk" / "M1Env.Sdk.csproj"), "-c", "Release", "-o", str(feed), "-nodeReuse:false", "-nologo"], ROOT, pack_env)
        version = re.match(r"M1Env\.Sdk\.(.+)\.nupkg$", next(feed.glob("M1Env.Sdk.*.nupkg")).name).group(1)

        wheels = work / "wheels"
        wheels.mkdir()
        names = [f"m1bench-pkg{i:02d}" for i in range(options.packages + 1)]
        for name in names:
            build_wheel(wheels, name)
        second = wheels / "v2"
        second.mkdir()
        build_wheel(second, names[0], version="2.0")
        shutil.copy(next(second.glob("*.whl")), wheels)
        declared = [(name, "1.0") for name in names[:-1]]
        if options.source == "index":
            server, index_url = serve_index(work / "index", wheels)
            sources = f"<M1EnvPipIndexUrl>{index_url}</M1EnvPipIndexUrl>"
            pip_args = ["--index-url", index_url, "--disable-pip-version-check", "-q"]
        else:
            sources = f"<M1EnvOffline>true</M1EnvOffline><M1EnvPipFindLinks>{wheels}</M1EnvPipFindLinks>"
            pip_args = ["--no-index", "--find-links", str(wheels), "--disable-pip-version-check", "-q"]

        def make_project(folder, envs):
            folder.mkdir()
            (folder / "nuget.config").write_text(f'<configuration><packageSources><clear /><add key="m1env" value="{feed}" /></packageSources></configuration>\n')
            (folder / "env.proj").write_text(project_file(version, sources, work / "tools", envs, declared))
            run(["dotnet", "build", "env.proj", "-nodeReuse:false", "-nologo", "-v:q"], folder, env)  # restore, write the lock
            return folder

        build = ["dotnet", "build", "env.proj", "-nodeReuse:false", "-tl:off", "-v:m", "-nologo", "-clp:PerformanceSummary"]
        one = make_project(work / "one", ["bench"])
        three = make_project(work / "three", ["bench", "bench2", "bench3"])
        manual = work / "manual"

        def forget_kept():
            if options.cold:
                for kept in ("venvs", "installs", "probes"):
                    shutil.rmtree(work / "tools" / kept, ignore_errors=True)

        samples = {key: [] for key in ("manual", "fresh", "first", "three", "pin", "pin-manual", "add", "add-manual", "remove", "remove-manual", "switch", "noop")}
        print(f"Measuring {options.rounds} rounds with {options.python}...", flush=True)
        for round_index in range(options.rounds):
            shutil.rmtree(manual, ignore_errors=True)
            seconds, _ = timed([options.python, "-m", "venv", str(manual)], work, env)
            seconds += timed([str(manual / "bin" / "pip"), "install", *pip_args, *(f"{n}=={v}" for n, v in declared)], work, env)[0]
            samples["manual"].append(seconds)

            for key, folder in (("fresh", one), ("three", three)) if round_index % 2 == 0 else (("three", three), ("fresh", one)):
                shutil.rmtree(folder / ".m1env", ignore_errors=True)
                forget_kept()
                samples[key].append(provision_seconds(timed(build, folder, env)[1]))

            lock = one / "pylock.bench.toml"
            kept = lock.read_bytes()
            shutil.rmtree(one / ".m1env", ignore_errors=True)
            lock.unlink()
            forget_kept()
            samples["first"].append(provision_seconds(timed(build, one, env)[1]))
            if lock.read_bytes() != kept:
                lock.write_bytes(kept)
            run(build, one, env)  # settles the no-op key after the lock was rewritten, untimed

            noop = timed(build, one, env)[0]
            samples["noop"].append(noop)
            project = (one / "env.proj").read_text()
            changes = [
                ("pin", project.replace(f'Include="{names[0]}" Version="1.0"', f'Include="{names[0]}" Version="2.0"'), ["install", *pip_args, f"{names[0]}==2.0"]),
                ("add", project.replace("</ItemGroup>", f'  <PipPackage Include="{names[-1]}" Version="1.0" Env="bench" />\n  </ItemGroup>'), ["install", *pip_args, f"{names[-1]}==1.0"]),
                ("remove", project.replace(f'<PipPackage Include="{names[1]}" Version="1.0" Env="bench" />', ""), ["uninstall", "-y", "-q", names[1]]),
            ]
            locks = {}
            for key, changed, pip_command in changes:
                (one / "env.proj").write_text(changed)
                samples[key].append(timed(build, one, env)[0] - noop)
                locks[key] = lock.read_bytes()
                (one / "env.proj").write_text(project)
                run(build, one, env)  # back to the declaration, untimed
                samples[key + "-manual"].append(timed([str(manual / "bin" / "pip"), *pip_command], work, env)[0])
                run([str(manual / "bin" / "pip"), "install", *pip_args, *(f"{n}=={v}" for n, v in declared)], work, env)
                if key == "add":
                    run([str(manual / "bin" / "pip"), "uninstall", "-y", "-q", names[-1]], work, env)

            # A checkout of a branch whose pin and lock both moved: the lock is installed as it is.
            (one / "env.proj").write_text(changes[0][1])
            lock.write_bytes(locks["pin"])
            samples["switch"].append(timed(build, one, env)[0] - noop)
            (one / "env.proj").write_text(project)
            lock.write_bytes(kept)
            run(build, one, env)  # back to the declaration and its lock, untimed

        m = {key: statistics.median(values) for key, values in samples.items()}

        def ratios(key, against):
            # The ratio of the medians, and the median of each round's own ratio: a shared VM drifts, and a round's two sides run back to back.
            paired = statistics.median(a / b for a, b in zip(samples[key], samples[against]))
            return f"ratio {m[key] / m[against]:.2f}, paired {paired:.2f}"

        print(f"rounds: {options.rounds}; packages: {len(declared)}; source: {options.source}; interpreter: {options.python}; kept venvs, installs and probes: {'deleted before each fresh build' if options.cold else 'kept'}")
        print(f"fresh:  M1EnvProvision {m['fresh']:.2f} s, manual venv + pip {m['manual']:.2f} s, {ratios('fresh', 'manual')} (goal <= 0.5)")
        print(f"first:  M1EnvProvision {m['first']:.2f} s (no lock yet), manual venv + pip {m['manual']:.2f} s, {ratios('first', 'manual')}")
        print(f"three envs: {m['three']:.2f} s, one env {m['fresh']:.2f} s, {ratios('three', 'fresh')} (goal <= 1.3)")
        for key in ("pin", "add", "remove"):
            print(f"{key}: {m[key]:.2f} s over a no-op build ({m['noop']:.2f} s), manual pip {m[key + '-manual']:.2f} s, {ratios(key, key + '-manual')} (goal <= 1.0)")
        print(f"switch: {m['switch']:.2f} s over a no-op build (pin and lock moved together, as a branch checkout), manual pip {m['pin-manual']:.2f} s, {ratios('switch', 'pin-manual')}")
    finally:
        if server is not None:
            server.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
